/**
 * Demo data for a fictitious home-services business in Chicago. Plain data, no
 * imports, so both the Worker (tests) and Node scripts (`npm run dev`) load it.
 */
export const seedServices = [
  { id: 1, slug: 'ac-tune-up', name: 'AC Tune-Up', category: 'HVAC', durationMinutes: 90, priceCents: 12900, description: 'Seasonal air-conditioning inspection, coil cleaning, refrigerant check and filter change.' },
  { id: 2, slug: 'furnace-repair', name: 'Furnace Repair', category: 'HVAC', durationMinutes: 120, priceCents: 18900, description: 'Diagnosis and repair of gas or electric furnaces; parts quoted separately.' },
  { id: 3, slug: 'duct-cleaning', name: 'Duct Cleaning', category: 'HVAC', durationMinutes: 180, priceCents: 34900, description: 'Whole-home air duct and vent cleaning with before/after photos.' },
  { id: 4, slug: 'hvac-estimate', name: 'HVAC Replacement Estimate', category: 'HVAC', durationMinutes: 60, priceCents: 0, description: 'Free in-home estimate for a new furnace, heat pump or AC system.' },
  { id: 5, slug: 'drain-cleaning', name: 'Drain Cleaning', category: 'Plumbing', durationMinutes: 60, priceCents: 14900, description: 'Clearing of clogged sink, tub, shower or main drains with a camera check.' },
  { id: 6, slug: 'leak-repair', name: 'Leak Repair', category: 'Plumbing', durationMinutes: 90, priceCents: 17500, description: 'Locating and fixing leaks in supply lines, fixtures and valves.' },
  { id: 7, slug: 'water-heater-install', name: 'Water Heater Installation', category: 'Plumbing', durationMinutes: 240, priceCents: 145000, description: 'Removal of the old unit and installation of a 40–50 gallon tank water heater.' },
  { id: 8, slug: 'outlet-repair', name: 'Outlet & Switch Repair', category: 'Electrical', durationMinutes: 60, priceCents: 11900, description: 'Repair or replacement of faulty outlets, switches and GFCI devices.' },
  { id: 9, slug: 'lighting-install', name: 'Lighting Installation', category: 'Electrical', durationMinutes: 120, priceCents: 22000, description: 'Installation of ceiling fixtures, recessed lights or fans (up to 4 fixtures).' },
  { id: 10, slug: 'ev-charger-install', name: 'EV Charger Installation', category: 'Electrical', durationMinutes: 180, priceCents: 65000, description: 'Level 2 EV charger installation on an existing panel with capacity.' },
  { id: 11, slug: 'panel-upgrade', name: 'Electrical Panel Upgrade', category: 'Electrical', durationMinutes: 240, priceCents: 180000, description: 'Upgrade to a 200 A panel, permit included.' },
] as const;

export const seedEmployees = [
  { id: 1, name: 'Maria Lopez', email: 'maria@brightside.example', department: 'HVAC', skills: ['ac-tune-up', 'furnace-repair', 'duct-cleaning', 'hvac-estimate'] },
  { id: 2, name: 'James Carter', email: 'james@brightside.example', department: 'HVAC', skills: ['ac-tune-up', 'furnace-repair', 'hvac-estimate'] },
  { id: 3, name: 'Dev Patel', email: 'dev@brightside.example', department: 'Plumbing', skills: ['drain-cleaning', 'leak-repair', 'water-heater-install'] },
  { id: 4, name: 'Sarah Kim', email: 'sarah@brightside.example', department: 'Plumbing', skills: ['drain-cleaning', 'leak-repair'] },
  { id: 5, name: 'Tom Becker', email: 'tom@brightside.example', department: 'Plumbing', skills: ['leak-repair', 'water-heater-install'] },
  { id: 6, name: 'Aisha Johnson', email: 'aisha@brightside.example', department: 'Electrical', skills: ['outlet-repair', 'lighting-install', 'ev-charger-install', 'panel-upgrade'] },
  { id: 7, name: 'Luis Romero', email: 'luis@brightside.example', department: 'Electrical', skills: ['outlet-repair', 'lighting-install', 'ev-charger-install'] },
  { id: 8, name: 'Nina Okafor', email: 'nina@brightside.example', department: 'Electrical', skills: ['outlet-repair', 'panel-upgrade'] },
] as const;

/**
 * The counter every admin change of the business's configuration (services, employees, schedules, time off,
 * hours, holidays, closures) bumps in its own batch (worker/domain/business-config.ts): once it exists, the
 * seed leaves those tables alone, so a restart of `npm run dev` never brings back a deleted holiday or doubles
 * replaced hours. Per-isolate copies of the calendar compare it to know they are stale.
 */
export const BUSINESS_CONFIG_COUNTER = 'business_config';

/**
 * The business's published hours (the hours article is written from these rows and the holidays below):
 * Monday–Friday 8:00–17:00 and Saturday 9:00–13:00 local time, closed on Sundays.
 */
export const seedOpeningHours = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ id: weekday, weekday, opensMinute: 8 * 60, closesMinute: 17 * 60 })),
  { id: 6, weekday: 6, opensMinute: 9 * 60, closesMinute: 13 * 60 },
];

/** The US holidays the business closes on, as rules (worker/domain/holidays.ts computes the dates per year). */
export const seedHolidays = [
  { id: 1, slug: 'new-years-day', name: 'New Year’s Day', rule: 'fixed', month: 1, day: 1, weekday: null, nth: null, observed: true },
  { id: 2, slug: 'memorial-day', name: 'Memorial Day', rule: 'last_weekday', month: 5, day: null, weekday: 1, nth: null, observed: true },
  { id: 3, slug: 'independence-day', name: 'July 4th', rule: 'fixed', month: 7, day: 4, weekday: null, nth: null, observed: true },
  { id: 4, slug: 'labor-day', name: 'Labor Day', rule: 'nth_weekday', month: 9, day: null, weekday: 1, nth: 1, observed: true },
  { id: 5, slug: 'thanksgiving', name: 'Thanksgiving', rule: 'nth_weekday', month: 11, day: null, weekday: 4, nth: 4, observed: true },
  { id: 6, slug: 'christmas', name: 'Christmas', rule: 'fixed', month: 12, day: 25, weekday: null, nth: null, observed: true },
] as const;

const WEEKDAYS_8_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 17 * 60 }));
const SATURDAY_MORNING = { weekday: 6, startMinute: 9 * 60, endMinute: 13 * 60 };
const TUE_TO_FRI_9_TO_5 = [2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 }));

/**
 * Weekly hours in the business's local time (America/Chicago by default), inside the opening hours:
 * Maria (HVAC), Dev (plumbing) and Aisha (electrical) cover every open hour Monday–Saturday, so each
 * service can be booked whenever the business says it is open; James, Sarah and Luis work Tuesday–Friday
 * 9–17 and Saturday mornings, Nina weekdays, Tom Monday–Thursday.
 */
export const seedSchedules: { employeeId: number; weekday: number; startMinute: number; endMinute: number }[] = [
  ...[1, 3, 6, 8].flatMap((employeeId) => WEEKDAYS_8_TO_5.map((h) => ({ employeeId, ...h }))),
  ...[1, 3, 6].map((employeeId) => ({ employeeId, ...SATURDAY_MORNING })),
  ...[2, 4, 7].flatMap((employeeId) => [...TUE_TO_FRI_9_TO_5, SATURDAY_MORNING].map((h) => ({ employeeId, ...h }))),
  ...WEEKDAYS_8_TO_5.filter((h) => h.weekday !== 5).map((h) => ({ employeeId: 5, ...h })),
];

/** The support team who take tickets (token subjects): alice and bob already own tasks and projects. */
export const seedStaffMembers = [
  { id: 'alice', name: 'Alice Staff' },
  { id: 'bob', name: 'Bob Reyes' },
  { id: 'nina', name: 'Nina Patel' },
] as const;

export const seedProjects = [
  { id: 1, name: 'Spring HVAC maintenance campaign', description: 'Call past AC customers for spring tune-ups.', stage: 'active', ownerSubject: 'alice' },
  { id: 2, name: 'Website booking refresh', description: 'Replace the old contact form with the chat widget.', stage: 'planning', ownerSubject: 'alice' },
] as const;

export const seedTasks = [
  { id: 1, ownerSubject: 'alice', projectId: 1, title: 'Export last year\'s AC customers', status: 'done', priority: 'normal', dueDate: null },
  { id: 2, ownerSubject: 'alice', projectId: 1, title: 'Draft the tune-up reminder email', status: 'in_progress', priority: 'high', dueDate: null },
  { id: 3, ownerSubject: 'alice', projectId: 1, title: 'Schedule extra Saturday shifts for April', status: 'todo', priority: 'normal', dueDate: null },
  { id: 4, ownerSubject: 'alice', projectId: 2, title: 'Embed the widget on the staging site', status: 'todo', priority: 'high', dueDate: null },
  { id: 5, ownerSubject: 'bob', projectId: 2, title: 'Write FAQ answers for the knowledge base', status: 'todo', priority: 'normal', dueDate: null },
] as const;
