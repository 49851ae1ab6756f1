/**
 * Tools of the front desk's core job: what we offer, when we can come, and the
 * bookings themselves. Handlers only translate inputs; role, ownership and
 * slot rules live in the domain functions.
 */
import { z } from 'zod';
import { BOOKING_STATUSES } from '../db/schema';
import { availabilitySchema, findAvailability } from '../domain/availability';
import {
  cancelBooking,
  completeBooking,
  createBooking,
  getBooking,
  listBookings,
  rescheduleBooking,
  updateBookingDetails,
} from '../domain/bookings';
import { bookingWithLinksSchema } from '../domain/booking-links';
import { findBooking } from '../domain/booking-views';
import { bookingListSchema, bookingViewSchema } from '../protocol/api';
import { listServices, MAX_SERVICE_QUERY, serviceListSchema } from '../domain/services';
import { numericId } from './ids';
import { defineTool, type AnyTool } from './registry';

const SIGNED_IN = ['customer', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;
/** Also the bearer of the booking's manage link (no sign-in; that one booking, checked in the domain). */
const SIGNED_IN_OR_LINK = [...SIGNED_IN, 'manage'] as const;
const READ = { readOnly: true, destructive: false, idempotent: true } as const;

const localDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const service = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .describe("The service's slug from list_services (e.g. 'drain-cleaning'), or its numeric id as text.");
const start = z
  .string()
  .trim()
  .min(16)
  .max(40)
  .describe(
    "Start time in the business's local time zone as YYYY-MM-DDTHH:MM (e.g. '2030-03-04T10:00'), on the hour or half hour; " +
      "the 'start' value of a check_availability slot also works.",
  );
const employeeId = numericId.describe('Numeric id of a specific technician (employee_id from check_availability). Omit to let us assign one.');
const bookingNumber = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe("The booking number, e.g. 'BK-2030-000001'.");

const listServicesTool = defineTool({
  name: 'list_services',
  title: 'List services',
  description:
    'List the services the business offers, with duration, price (in cents) and category (HVAC, Plumbing, Electrical). ' +
    'Use it to answer "what do you do / how much is X" and to get the slug that check_availability and create_booking need. ' +
    'Also returns every category name.',
  category: 'catalog',
  access: 'anyone',
  input: z.object({
    category: z.string().trim().max(40).optional().describe("Only this category, case-insensitive, e.g. 'plumbing'."),
    query: z
      .string()
      .trim()
      .max(MAX_SERVICE_QUERY)
      .optional()
      .describe(`Words to look for in the service's slug, name or description (case-insensitive, at most ${MAX_SERVICE_QUERY} characters), e.g. 'drain'.`),
  }),
  output: serviceListSchema,
  annotations: READ,
  example: { category: 'Plumbing' },
  handler: (ctx, input) => listServices(ctx, input),
});

const checkAvailabilityTool = defineTool({
  name: 'check_availability',
  title: 'Check availability',
  description:
    'Find open start times for a service on local dates date_from..date_to (at most 14 days; one day when date_to is omitted). ' +
    'Returns days with slots; each slot has a local time, a start to pass to create_booking, and the technician offered. ' +
    'Call it before create_booking and offer the customer two or three times; if truncated, ask for a narrower range.',
  category: 'scheduling',
  access: 'anyone',
  input: z.object({
    service,
    date_from: localDate.describe('First local date to search, YYYY-MM-DD (today or later).'),
    date_to: localDate.optional().describe('Last local date to search, YYYY-MM-DD, at most 13 days after date_from. Defaults to date_from.'),
    employee_id: employeeId.optional().describe('Only times when this technician is free. Omit for anyone qualified.'),
    limit: z.coerce.number().int().min(1).max(200).optional().describe('Most slots to return (default 60).'),
  }),
  output: availabilitySchema,
  annotations: READ,
  example: { service: 'drain-cleaning', date_from: '2030-03-04', date_to: '2030-03-05' },
  handler: (ctx, input) => findAvailability(ctx, input),
});

const createBookingTool = defineTool({
  name: 'create_booking',
  title: 'Book a visit',
  description:
    'Book a service visit at a start time from check_availability; it is confirmed as soon as it is made. Check service, time, name, phone and address with the customer first. ' +
    'Returns the booking with its number (BK-YYYY-NNNNNN), technician, local start/end, price, and links (calendar file, manage page) to give the customer. ' +
    'If the time was just taken you get a conflict error: check availability again and offer other times. ' +
    'Customers have limits (a few active bookings each, a few new ones a day): a conflict or rate_limited error then says which ' +
    'and when to try again; tell the customer, and offer a person instead of retrying.',
  category: 'bookings',
  access: SIGNED_IN,
  input: z.object({
    service,
    start,
    customer_name: z.string().trim().min(1).max(120).describe("The customer's full name."),
    phone: z.string().trim().min(7).max(32).describe('A phone number the technician can call, e.g. 312-555-0100.'),
    email: z.email().max(254).optional().describe("The customer's email for the confirmation (optional)."),
    address: z.string().trim().min(5).max(300).describe('Street address of the visit, with city and ZIP if given.'),
    employee_id: employeeId.optional(),
    notes: z.string().trim().max(1000).optional().describe('What the technician should know: the problem, access, pets, parking.'),
  }),
  output: bookingWithLinksSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: {
    service: 'drain-cleaning',
    start: '2030-03-04T10:00',
    customer_name: 'Ann Customer',
    phone: '312-555-0100',
    email: 'ann@example.com',
    address: '1200 W Main St, Chicago, IL 60601',
    notes: 'Kitchen sink drains slowly.',
  },
  handler: (ctx, input) => createBooking(ctx, input),
});

const getBookingTool = defineTool({
  name: 'get_booking',
  title: 'Get a booking',
  description:
    'Look up one booking by its number: status, service, technician, time, address and price. Customers can see their own. ' +
    'For a booking made in another conversation, ask for the phone number or email given when it was booked and pass it too: ' +
    'if it matches, the booking is shown read-only and without its notes (to cancel or change it, verify with request_booking_code). ' +
    'A wrong detail answers exactly like an unknown number, and repeated misses are refused for an hour (rate_limited).',
  category: 'bookings',
  access: SIGNED_IN_OR_LINK,
  input: z.object({
    booking_number: bookingNumber,
    phone: z
      .string()
      .trim()
      .min(7)
      .max(32)
      .optional()
      .describe('The phone number given when the booking was made, any format; only to find a booking made in another conversation.'),
    email: z
      .email()
      .max(254)
      .optional()
      .describe('The email given when the booking was made; only to find a booking made in another conversation.'),
  }),
  output: bookingViewSchema,
  annotations: READ,
  example: { booking_number: 'BK-2030-000001' },
  handler: (ctx, input) =>
    input.phone !== undefined || input.email !== undefined ? findBooking(ctx, input) : getBooking(ctx, input.booking_number),
});

const listBookingsTool = defineTool({
  name: 'list_bookings',
  title: 'List bookings',
  description: 'List your bookings ordered by start time. Use has_more with offset to page.',
  staffDescription:
    "List bookings ordered by start time: everyone's, filtered by technician or customer email if asked. Use has_more with offset to page.",
  category: 'bookings',
  access: SIGNED_IN,
  input: z.object({
    status: z.enum(BOOKING_STATUSES).optional().describe('Only bookings in this status: confirmed (booked, not yet done), completed or cancelled.'),
    date_from: localDate.optional().describe('Only bookings starting on or after this local date, YYYY-MM-DD.'),
    date_to: localDate.optional().describe('Only bookings starting on or before this local date, YYYY-MM-DD.'),
    employee_id: employeeId.optional().describe('Only bookings of this technician (numeric id).'),
    customer_email: z.string().trim().max(254).optional().describe('Staff only: only bookings of the customer with this email.'),
    limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size, 1 to 200 (default 50).'),
    offset: z.coerce.number().int().min(0).optional().describe('How many bookings to skip, for paging (default 0).'),
  }),
  output: bookingListSchema,
  annotations: READ,
  example: { status: 'confirmed', date_from: '2030-03-04', date_to: '2030-03-10' },
  handler: (ctx, input) => listBookings(ctx, input),
});

const cancelBookingTool = defineTool({
  name: 'cancel_booking',
  title: 'Cancel a booking',
  description:
    'Cancel a confirmed booking and free its time. Ask the customer to confirm before calling. ' +
    'Customers can cancel only their own bookings that have not started (one made in another conversation after verify_booking_code).',
  category: 'bookings',
  access: SIGNED_IN_OR_LINK,
  input: z.object({
    booking_number: bookingNumber,
    reason: z.string().trim().max(500).optional().describe('Why it is cancelled, in a few words; kept in the booking notes.'),
  }),
  output: bookingViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: false },
  example: { booking_number: 'BK-2030-000001', reason: 'Problem fixed' },
  handler: (ctx, input) => cancelBooking(ctx, input),
});

const rescheduleBookingTool = defineTool({
  name: 'reschedule_booking',
  title: 'Reschedule a booking',
  description:
    'Move a confirmed booking to a new start time (check_availability first). The same technician is kept when free, ' +
    'otherwise another qualified one is assigned unless employee_id is given. If the new time is taken, the booking stays unchanged.',
  category: 'bookings',
  access: SIGNED_IN_OR_LINK,
  input: z.object({
    booking_number: bookingNumber,
    start,
    employee_id: employeeId.optional(),
  }),
  output: bookingWithLinksSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { booking_number: 'BK-2030-000001', start: '2030-03-04T13:00' },
  handler: (ctx, input) => rescheduleBooking(ctx, input),
});

const updateBookingDetailsTool = defineTool({
  name: 'update_booking_details',
  title: 'Correct a booking\'s details',
  description:
    'Correct the name, phone, email, address or notes on a confirmed booking ("that\'s my old address", "the last 4 digits ' +
    'should be 0173"). Only the fields given change; the time and service stay (use reschedule_booking to move it). ' +
    'Read the corrected detail back to the customer.',
  category: 'bookings',
  access: SIGNED_IN,
  input: z.object({
    booking_number: bookingNumber,
    customer_name: z.string().trim().min(1).max(120).optional().describe('The corrected full name.'),
    phone: z.string().trim().min(7).max(32).optional().describe('The corrected phone number, any format.'),
    email: z.email().max(254).optional().describe('The corrected email.'),
    address: z.string().trim().min(5).max(300).optional().describe('The corrected street address of the visit.'),
    notes: z.string().trim().max(1000).optional().describe('Replaces the notes for the technician.'),
  }),
  output: bookingViewSchema,
  // A repeat with the same values leaves the same booking; the fields it names are overwritten.
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { booking_number: 'BK-2030-000001', address: '2660 N Orchard St, Chicago, IL 60614' },
  handler: (ctx, input) => updateBookingDetails(ctx, input),
});

const completeBookingTool = defineTool({
  name: 'complete_booking',
  title: 'Complete a booking',
  description: 'Staff: mark a confirmed booking as completed once the job is done.',
  category: 'bookings',
  access: STAFF,
  input: z.object({ booking_number: bookingNumber }),
  output: bookingViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { booking_number: 'BK-2030-000001' },
  handler: (ctx, input) => completeBooking(ctx, input),
});

export const bookingTools: AnyTool[] = [
  listServicesTool,
  checkAvailabilityTool,
  createBookingTool,
  getBookingTool,
  listBookingsTool,
  cancelBookingTool,
  rescheduleBookingTool,
  updateBookingDetailsTool,
  completeBookingTool,
];
