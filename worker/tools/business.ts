/**
 * Configuring the business (admins only): the catalog, the technicians and their weeks and time off, the
 * opening hours, holidays and closures. The domain enforces the role (worker/domain/business-config.ts);
 * `access` keeps the tools out of every other role's listings (and out of the staff tools/list budget).
 */
import { z } from 'zod';
import { numericId } from './ids';
import { HOLIDAY_RULES } from '../db/schema';
import { createEmployee, createService, employeeFields, serviceFields, updateEmployee, updateService } from '../domain/business-config';
import { addClosure, addHoliday, getBusinessSettings, MAX_CLOSURE_DAYS, removeClosure, removeHoliday, setOpeningHours } from '../domain/business-settings';
import { addTimeOff, employeeAdminView, removeTimeOff, setEmployeeSchedule } from '../domain/employee-calendar';
import {
  businessSettingsSchema,
  clockTime,
  closureAddedSchema,
  employeeAdminViewSchema,
  holidayViewSchema,
  serviceAdminViewSchema,
  timeOffAddedSchema,
  weeklyWindowSchema,
} from '../protocol/business';
import { defineTool, type AnyTool } from './registry';

const ADMIN = ['admin'] as const;
const READ = { readOnly: true, destructive: false, idempotent: true };
const ADD = { readOnly: false, destructive: false, idempotent: false };
/** Overwrites or deletes what was there. */
const REPLACE = { readOnly: false, destructive: true, idempotent: true };

// Over REST, path segments arrive as strings.
// The one id schema (plain decimal or a JSON integer; "0x10" is no id): see ./ids.ts.
const id = (what: string) => numericId.describe(`The ${what}'s id.`);
const removed = z.object({ removed: z.literal(true), id: z.int() });
const localDate = z.string().trim().max(10).describe('YYYY-MM-DD, local.');

const getBusinessSettingsTool = defineTool({
  name: 'get_business_settings',
  title: 'Business settings',
  description: 'Admin: the opening hours, holidays, closures from today, every service (retired too) and every employee with their week and time off.',
  category: 'business',
  access: ADMIN,
  input: z.object({}),
  output: businessSettingsSchema,
  annotations: READ,
  example: {},
  handler: (ctx) => getBusinessSettings(ctx),
});

const setOpeningHoursTool = defineTool({
  name: 'set_opening_hours',
  title: 'Set opening hours',
  description: 'Admin: replace the weekly opening hours. A weekday with no window is closed; two windows make a split day. Bookings made stay.',
  category: 'business',
  access: ADMIN,
  input: z.object({ hours: z.array(weeklyWindowSchema).min(1).max(14) }),
  output: businessSettingsSchema,
  annotations: REPLACE,
  example: {
    hours: [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
      { weekday: 6, start: '09:00', end: '13:00' },
    ],
  },
  handler: (ctx, input) => setOpeningHours(ctx, input),
});

const addHolidayTool = defineTool({
  name: 'add_holiday',
  title: 'Add a holiday',
  description:
    'Admin: add a yearly closed day: fixed (month, day; observed moves a weekend date to the nearest weekday), nth_weekday (month, weekday, nth) or last_weekday (month, weekday).',
  category: 'business',
  access: ADMIN,
  input: z.object({
    name: z.string().trim().min(1).max(100),
    slug: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens').max(60).optional().describe('Default: from the name.'),
    rule: z.enum(HOLIDAY_RULES),
    month: z.int().min(1).max(12),
    day: z.int().min(1).max(31).optional().describe('fixed: day of the month.'),
    weekday: z.int().min(0).max(6).optional().describe('0 = Sunday … 6 = Saturday.'),
    nth: z.int().min(1).max(5).optional().describe('nth_weekday: 1–5.'),
    observed: z.boolean().optional().describe('fixed: default true.'),
  }),
  output: holidayViewSchema,
  annotations: ADD,
  example: { name: 'Christmas Eve', rule: 'fixed', month: 12, day: 24, observed: false },
  handler: (ctx, input) => addHoliday(ctx, input),
});

const removeHolidayTool = defineTool({
  name: 'remove_holiday',
  title: 'Remove a holiday',
  description: 'Admin: delete a holiday rule by id; the business opens on those days by its weekly hours.',
  category: 'business',
  access: ADMIN,
  input: z.object({ holiday_id: id('holiday') }),
  output: removed,
  annotations: REPLACE,
  example: { holiday_id: 999 },
  handler: (ctx, input) => removeHoliday(ctx, input.holiday_id),
});

const addClosureTool = defineTool({
  name: 'add_closure',
  title: 'Add a closure',
  description:
    `Admin: close the business on a date, dates through date_to (at most ${MAX_CLOSURE_DAYS} days) or part of a date (start–end). ` +
    'Returns the confirmed bookings inside it; they stay booked.',
  category: 'business',
  access: ADMIN,
  input: z.object({
    date: localDate,
    date_to: localDate.optional().describe('Last closed date, included (default: date).'),
    start: clockTime.optional().describe('With end: closed only from this time.'),
    end: clockTime.optional(),
    reason: z.string().trim().min(1).max(200).describe('Told to customers, e.g. "Staff training".'),
  }),
  output: closureAddedSchema,
  annotations: ADD,
  example: { date: '2039-12-23', reason: 'Inventory day' },
  handler: (ctx, input) => addClosure(ctx, input),
});

const removeClosureTool = defineTool({
  name: 'remove_closure',
  title: 'Remove a closure',
  description: 'Admin: delete one closure (one date) by id.',
  category: 'business',
  access: ADMIN,
  input: z.object({ closure_id: id('closure') }),
  output: removed,
  annotations: REPLACE,
  example: { closure_id: 999 },
  handler: (ctx, input) => removeClosure(ctx, input.closure_id),
});

const createServiceTool = defineTool({
  name: 'create_service',
  title: 'Add a service',
  description: 'Admin: add a service to the catalog. Give technicians its slug as a skill (update_employee) so it can be booked.',
  category: 'business',
  access: ADMIN,
  input: z.object({
    slug: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens').max(60).describe('Unique, e.g. gutter-cleaning; never changes.'),
    ...serviceFields,
    description: serviceFields.description.optional(),
    buffer_minutes: serviceFields.buffer_minutes.optional(),
  }),
  output: serviceAdminViewSchema,
  annotations: ADD,
  example: { slug: 'water-softener-install', name: 'Water Softener Installation', category: 'Plumbing', duration_minutes: 180, price_cents: 89000, buffer_minutes: 30 },
  handler: (ctx, input) => createService(ctx, input),
});

const updateServiceTool = defineTool({
  name: 'update_service',
  title: 'Change or retire a service',
  description: 'Admin: change a service; active false retires it (not listed, not bookable; its bookings keep it), true offers it again.',
  category: 'business',
  access: ADMIN,
  input: z.object({
    service_id: id('service'),
    name: serviceFields.name.optional(),
    category: serviceFields.category.optional(),
    description: serviceFields.description.optional(),
    duration_minutes: serviceFields.duration_minutes.optional(),
    price_cents: serviceFields.price_cents.optional(),
    buffer_minutes: serviceFields.buffer_minutes.optional(),
    active: z.boolean().optional(),
  }),
  output: serviceAdminViewSchema,
  annotations: REPLACE,
  example: { service_id: 5, price_cents: 14900 },
  handler: (ctx, { service_id, ...changes }) => updateService(ctx, service_id, changes),
});

const createEmployeeTool = defineTool({
  name: 'create_employee',
  title: 'Add an employee',
  description: 'Admin: add a technician with their skills (service slugs); then give them a week (set_employee_schedule).',
  category: 'business',
  access: ADMIN,
  input: z.object({ ...employeeFields, max_jobs_per_day: employeeFields.max_jobs_per_day.optional() }),
  output: employeeAdminViewSchema,
  annotations: ADD,
  example: { name: 'Rosa Diaz', email: 'rosa@brightside.example', department: 'Plumbing', skills: [] },
  handler: async (ctx, input) => employeeAdminView(ctx, await createEmployee(ctx, input)),
});

const updateEmployeeTool = defineTool({
  name: 'update_employee',
  title: 'Change an employee',
  description: 'Admin: change a technician’s details, skills (replaced whole), daily cap or active flag (false: no new jobs; their bookings stay).',
  category: 'business',
  access: ADMIN,
  input: z.object({
    employee_id: id('employee'),
    name: employeeFields.name.optional(),
    email: employeeFields.email.optional(),
    department: employeeFields.department.optional(),
    skills: employeeFields.skills.optional(),
    max_jobs_per_day: employeeFields.max_jobs_per_day.optional(),
    active: z.boolean().optional(),
  }),
  output: employeeAdminViewSchema,
  annotations: REPLACE,
  example: { employee_id: 1, active: true },
  handler: async (ctx, { employee_id, ...changes }) => employeeAdminView(ctx, await updateEmployee(ctx, employee_id, changes)),
});

const setEmployeeScheduleTool = defineTool({
  name: 'set_employee_schedule',
  title: 'Set a weekly schedule',
  description: 'Admin: replace a technician’s weekly hours (empty: none). They are offered only inside the opening hours.',
  category: 'business',
  access: ADMIN,
  input: z.object({ employee_id: id('employee'), schedule: z.array(weeklyWindowSchema).max(14) }),
  output: employeeAdminViewSchema,
  annotations: REPLACE,
  example: {
    employee_id: 1,
    schedule: [...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })), { weekday: 6, start: '09:00', end: '13:00' }],
  },
  handler: (ctx, { employee_id, schedule }) => setEmployeeSchedule(ctx, employee_id, { schedule }),
});

const addTimeOffTool = defineTool({
  name: 'add_time_off',
  title: 'Add time off',
  description: 'Admin: record an absence: whole days (from and to as dates, both included) or local times (YYYY-MM-DDTHH:MM). Returns their bookings in it.',
  category: 'business',
  access: ADMIN,
  input: z.object({
    employee_id: id('employee'),
    from: z.string().trim().min(10).max(25).describe('YYYY-MM-DD or YYYY-MM-DDTHH:MM, local.'),
    to: z.string().trim().min(10).max(25).describe('YYYY-MM-DD (included) or YYYY-MM-DDTHH:MM (exclusive), local.'),
    reason: z.string().trim().max(200).optional(),
  }),
  output: timeOffAddedSchema,
  annotations: ADD,
  example: { employee_id: 1, from: '2039-12-19', to: '2039-12-20', reason: 'Training' },
  handler: (ctx, { employee_id, ...input }) => addTimeOff(ctx, employee_id, input),
});

const removeTimeOffTool = defineTool({
  name: 'remove_time_off',
  title: 'Remove time off',
  description: 'Admin: delete one absence of a technician by id.',
  category: 'business',
  access: ADMIN,
  input: z.object({ employee_id: id('employee'), time_off_id: id('time off entry') }),
  output: removed,
  annotations: REPLACE,
  example: { employee_id: 1, time_off_id: 999 },
  handler: (ctx, input) => removeTimeOff(ctx, input.employee_id, input.time_off_id),
});

export const businessTools: AnyTool[] = [
  getBusinessSettingsTool,
  setOpeningHoursTool,
  addHolidayTool,
  removeHolidayTool,
  addClosureTool,
  removeClosureTool,
  createServiceTool,
  updateServiceTool,
  createEmployeeTool,
  updateEmployeeTool,
  setEmployeeScheduleTool,
  addTimeOffTool,
  removeTimeOffTool,
];
