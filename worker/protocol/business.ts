/**
 * The bodies of the catalog and of the business settings (worker/domain/business-config.ts,
 * business-settings.ts, employee-calendar.ts) as zod schemas, declared once: the tools' outputs, the
 * OpenAPI document, and the staff console's types (`import type` only). Zod and leaf modules only: the
 * console's compiler reads this file too.
 */
import { z } from 'zod';
import { HOLIDAY_RULES } from '../db/schema';

/** A service as shown to callers (snake_case, like every tool result). */
export const serviceViewSchema = z.object({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  category: z.string(),
  description: z.string(),
  duration_minutes: z.int(),
  price_cents: z.int().describe('Price in cents.'),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

/** A service as admins see it: the public view plus its buffer and whether it is still offered. */
export const serviceAdminViewSchema = serviceViewSchema.extend({
  buffer_minutes: z.int().nullable().describe('Travel time kept free after each job; null: the default (BOOKING_BUFFER_MINUTES).'),
  active: z.boolean().describe('False once retired: not listed, not bookable; its bookings keep it.'),
});
export type ServiceAdminView = z.infer<typeof serviceAdminViewSchema>;

/** "08:00" → 480; "24:00" (midnight at the end of the day) → 1440. */
export const clockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (24-hour), e.g. 08:00')
  .describe('HH:MM, 24-hour, local time.');
const weekday = z.int().min(0).max(6).describe('0 = Sunday … 6 = Saturday.');

/** One open window of a weekday (the business's hours or a technician's). */
export const weeklyWindowSchema = z.object({ weekday, start: clockTime, end: clockTime });
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

export const holidayViewSchema = z.object({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  rule: z.enum(HOLIDAY_RULES),
  month: z.int(),
  day: z.int().nullable(),
  weekday: z.int().nullable(),
  nth: z.int().nullable(),
  observed: z.boolean(),
  next_date: z.string().nullable().describe('The next date it closes the business (an observed weekday included), within a year.'),
});
export const closureViewSchema = z.object({
  id: z.int(),
  date: z.string(),
  start: z.string().nullable().describe('HH:MM; null with end null: the whole day.'),
  end: z.string().nullable(),
  reason: z.string(),
});
export const timeOffViewSchema = z.object({
  id: z.int(),
  employee_id: z.int(),
  from: z.string().describe('Local ISO 8601 with offset.'),
  to: z.string().describe('Local ISO 8601 with offset (exclusive).'),
  reason: z.string().nullable(),
});
export const employeeAdminViewSchema = z.object({
  id: z.int(),
  name: z.string(),
  email: z.string(),
  department: z.string(),
  skills: z.array(z.string()),
  max_jobs_per_day: z.int().nullable(),
  active: z.boolean(),
  schedule: z.array(weeklyWindowSchema),
  time_off: z.array(timeOffViewSchema).describe('Absences that have not ended yet.'),
});
export type EmployeeAdminView = z.infer<typeof employeeAdminViewSchema>;

export const businessSettingsSchema = z.object({
  time_zone: z.string(),
  hours: z.array(weeklyWindowSchema).describe('Opening hours; a weekday without a window is closed.'),
  hours_text: z.string().describe('The hours as the assistant and the hours article state them.'),
  holidays: z.array(holidayViewSchema),
  closures: z.array(closureViewSchema).describe('One-off closures from today on.'),
  services: z.array(serviceAdminViewSchema),
  employees: z.array(employeeAdminViewSchema),
});
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

export const closureAddedSchema = z.object({
  closures: z.array(closureViewSchema),
  bookings_affected: z.array(z.string()).describe('Confirmed bookings in the closed time: they stay booked; call or move them.'),
});

export const timeOffAddedSchema = timeOffViewSchema.extend({
  bookings_affected: z.array(z.string()).describe("The employee's confirmed bookings in that time: they stay booked; reassign or move them."),
});
