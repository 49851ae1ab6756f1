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

const WEEKDAYS_8_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 17 * 60 }));
const SATURDAY_MORNING = { weekday: 6, startMinute: 9 * 60, endMinute: 13 * 60 };
const TUE_TO_SAT = [2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 18 * 60 }));

/** Weekly hours in the business's local time (America/Chicago by default). */
export const seedSchedules: { employeeId: number; weekday: number; startMinute: number; endMinute: number }[] = [
  ...[1, 3, 6, 8].flatMap((employeeId) => WEEKDAYS_8_TO_5.map((h) => ({ employeeId, ...h }))),
  ...[1, 3, 6].map((employeeId) => ({ employeeId, ...SATURDAY_MORNING })),
  ...[2, 4, 7].flatMap((employeeId) => TUE_TO_SAT.map((h) => ({ employeeId, ...h }))),
  ...WEEKDAYS_8_TO_5.filter((h) => h.weekday !== 5).map((h) => ({ employeeId: 5, ...h })),
];

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
