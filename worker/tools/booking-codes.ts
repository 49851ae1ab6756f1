/**
 * Verified identity for bookings made in another conversation: a one-time code sent to the
 * phone or email on the booking (worker/domain/booking-codes.ts). Customers only: staff can
 * already act on every booking.
 */
import { z } from 'zod';
import { CODE_CHANNELS } from '../db/schema';
import { bookingCodeRequestSchema, requestBookingCode, verifyBookingCode } from '../domain/booking-codes';
import { bookingViewSchema } from '../protocol/api';
import { defineTool, type AnyTool } from './registry';

const CUSTOMERS = ['customer'] as const;

const bookingNumber = z.string().trim().min(1).max(32).describe("The booking number, e.g. 'BK-2030-000001'.");

const requestBookingCodeTool = defineTool({
  name: 'request_booking_code',
  title: 'Send a booking code',
  description:
    'To cancel, reschedule or fully see a booking made in another conversation: send a 6-digit code by text (sms) to the phone, ' +
    'or by email to the address, that is on the booking itself (never to one the customer types now). Ask which they prefer. ' +
    'The answer is the same whether or not the number exists; then ask the customer for the code and call verify_booking_code. ' +
    'Codes last 10 minutes; a few requests an hour at most (rate_limited says when to try again). ' +
    'If codes cannot be sent here (unavailable), offer a person instead.',
  category: 'bookings',
  access: CUSTOMERS,
  input: z.object({
    booking_number: bookingNumber,
    channel: z.enum(CODE_CHANNELS).describe("'sms' for a text to the booking's phone, 'email' for its email address."),
  }),
  output: bookingCodeRequestSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { booking_number: 'BK-2030-000001', channel: 'sms' },
  handler: (ctx, input) => requestBookingCode(ctx, input),
});

const verifyBookingCodeTool = defineTool({
  name: 'verify_booking_code',
  title: 'Verify a booking code',
  description:
    'Check the 6-digit code the customer received after request_booking_code. When it is right, this conversation may see, ' +
    'cancel and reschedule that one booking, which is returned in full. A wrong code says how many attempts are left (5 in all); ' +
    'an expired, used or locked code is a conflict: ask for a new code.',
  category: 'bookings',
  access: CUSTOMERS,
  input: z.object({
    booking_number: bookingNumber,
    code: z
      .string()
      .trim()
      .max(16)
      .regex(/^\d{3}[ -]?\d{3}$/, 'expected the 6 digits of the code')
      .describe("The 6-digit code as received, e.g. '042917' (a space or dash in the middle is fine)."),
  }),
  output: bookingViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  // Another number than request_booking_code's example, so a test run of the two examples meets "no code", not a wrong one.
  example: { booking_number: 'BK-2030-000002', code: '123456' },
  handler: (ctx, input) => verifyBookingCode(ctx, input),
});

export const bookingCodeTools: AnyTool[] = [requestBookingCodeTool, verifyBookingCodeTool];
