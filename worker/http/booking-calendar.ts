/**
 * GET /api/v1/bookings/:booking_number/ics: the booking's calendar file. Not a tool (its answer is a
 * file, not JSON data); who may read it is the domain's rule (the booking's customer, staff, or the
 * bearer of its manage link), and a client's mistake is the usual error body.
 */
import { Hono } from 'hono';
import { bookingCalendarFile } from '../domain/booking-calendar';
import { createContext } from '../domain/context';
import { invalidInput } from '../domain/errors';
import type { AppEnv } from './types';

export function bookingCalendarRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/bookings/:booking_number/ics', async (c) => {
    const number = c.req.param('booking_number');
    if (number.length > 32) throw invalidInput('booking_number is at most 32 characters', { fields: ['booking_number'] });
    const ctx = createContext(c.env, c.get('principal'));
    const file = await bookingCalendarFile(ctx, number, { uidDomain: new URL(c.req.url).hostname, businessName: c.env.BUSINESS_NAME });
    return c.body(file.text, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
    });
  });
  return routes;
}
