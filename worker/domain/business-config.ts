/**
 * Configuring the business without editing code, part one: the service catalog and the technicians
 * (their skills, daily cap and active flag). Admins only, enforced here (`requireRole`), whatever surface
 * calls. Each change is one statement or one D1 batch, and every batch also bumps the configuration
 * counter (`configBump`), which per-isolate copies of the calendar compare (business-calendar.ts) and
 * which stops the seed from touching these tables again (worker/db/seed.ts).
 * The calendar's own settings (hours, holidays, closures, schedules, time off) are in ./business-settings.ts.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { BUSINESS_CONFIG_COUNTER } from '../db/seed-data';
import { forgetBusinessConfig } from './business-calendar';
import { counters, employees, services } from '../db/schema';
import type { DomainContext } from './context';
import { conflict, DomainError, invalidInput } from './errors';
import type { ServiceAdminView } from '../protocol/business';
import { toServiceView, type ServiceRow } from './services';

/**
 * The statement that marks the configuration changed; put it in the batch of every admin write. It also
 * drops this isolate's copies of the configuration (`forgetBusinessConfig`), so they are read again.
 */
export const configBump = (ctx: DomainContext) => {
  forgetBusinessConfig();
  return ctx.db
    .insert(counters)
    .values({ name: BUSINESS_CONFIG_COUNTER, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } });
};

/** The admins-only guard every function of this file and ./business-settings.ts starts with. */
export const requireAdmin = (ctx: DomainContext) => requireRole(ctx.actor, 'admin');

/** True for SQLite unique-constraint failures, however drizzle/D1 wrapped them. */
export function isUniqueViolation(e: unknown): boolean {
  for (let err = e as { message?: unknown; cause?: unknown } | undefined, i = 0; err && i < 5; err = err.cause as typeof err, i += 1) {
    if (/UNIQUE constraint failed/i.test(String(err.message ?? err))) return true;
  }
  return false;
}

// ---- services ----------------------------------------------------------------------------------------------

export const toServiceAdminView = (s: ServiceRow): ServiceAdminView => ({ ...toServiceView(s), buffer_minutes: s.bufferMinutes, active: s.active });

/** Every service, retired ones included, by category and name. */
export async function listAllServices(ctx: DomainContext): Promise<ServiceAdminView[]> {
  requireAdmin(ctx);
  const rows = await ctx.db.select().from(services).orderBy(asc(services.category), asc(services.name));
  return rows.map(toServiceAdminView);
}

/** Field rules shared by the create and update schemas (the tools' inputs). */
export const serviceFields = {
  name: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(50).describe('E.g. HVAC, Plumbing, Electrical (a new name makes a new category).'),
  description: z.string().trim().max(1000),
  duration_minutes: z.int().min(15).max(720).multipleOf(15).describe('Minutes, a multiple of 15.'),
  price_cents: z.int().min(0).max(10_000_000).describe('Price in cents (0 for a free estimate).'),
  buffer_minutes: z.int().min(0).max(240).nullable().describe('Travel time after each job; null: the default.'),
};

export interface NewService {
  slug: string;
  name: string;
  category: string;
  description?: string | undefined;
  duration_minutes: number;
  price_cents: number;
  buffer_minutes?: number | null | undefined;
}

/**
 * Adds a service to the catalog; 409 when the slug is taken (retired services keep theirs).
 * @example await createService(adminCtx, { slug: 'water-softener-install', name: 'Water Softener Installation', category: 'Plumbing', duration_minutes: 180, price_cents: 89000 });
 */
export async function createService(ctx: DomainContext, input: NewService): Promise<ServiceAdminView> {
  requireAdmin(ctx);
  const insert = ctx.db
    .insert(services)
    .values({
      slug: input.slug,
      name: input.name,
      category: input.category,
      description: input.description ?? '',
      durationMinutes: input.duration_minutes,
      priceCents: input.price_cents,
      bufferMinutes: input.buffer_minutes ?? null,
      active: true,
    })
    .onConflictDoNothing({ target: services.slug })
    .returning();
  const [rows] = await ctx.db.batch([insert, configBump(ctx)]);
  if (rows.length === 0) throw conflict(`A service with slug "${input.slug}" already exists`, { slug: 'already taken' });
  return toServiceAdminView(rows[0]!);
}

export type ServiceChanges = Partial<Omit<NewService, 'slug'>> & { active?: boolean | undefined };

/**
 * Changes a service's name, category, description, duration, price, buffer or active flag (false retires it:
 * no longer listed or bookable; its bookings keep it). The slug stays: technicians' skills name it.
 * @example await updateService(adminCtx, 5, { price_cents: 15900 });
 */
export async function updateService(ctx: DomainContext, id: number, changes: ServiceChanges): Promise<ServiceAdminView> {
  requireAdmin(ctx);
  const set: Partial<typeof services.$inferInsert> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.category !== undefined) set.category = changes.category;
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.duration_minutes !== undefined) set.durationMinutes = changes.duration_minutes;
  if (changes.price_cents !== undefined) set.priceCents = changes.price_cents;
  if (changes.buffer_minutes !== undefined) set.bufferMinutes = changes.buffer_minutes;
  if (changes.active !== undefined) set.active = changes.active;
  if (Object.keys(set).length === 0) throw invalidInput('Nothing to change: give at least one field', { '(root)': 'no field to change' });
  const [rows] = await ctx.db.batch([ctx.db.update(services).set(set).where(eq(services.id, id)).returning(), configBump(ctx)]);
  if (rows.length === 0) throw new DomainError('not_found', `Service ${id} not found`);
  return toServiceAdminView(rows[0]!);
}

// ---- employees ---------------------------------------------------------------------------------------------

export const employeeFields = {
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254).describe('Unique per employee.'),
  department: z.string().trim().min(1).max(50).describe('The service category they work in, e.g. Plumbing.'),
  skills: z.array(z.string().trim().min(1).max(60)).max(100).describe('Slugs of the services they are qualified for.'),
  max_jobs_per_day: z.int().min(1).max(20).nullable().describe('Most jobs in one day; null: the default (BOOKING_MAX_JOBS_PER_DAY).'),
};

export interface EmployeeInput {
  name: string;
  email: string;
  department: string;
  skills: string[];
  max_jobs_per_day?: number | null | undefined;
}

export type EmployeeRow = typeof employees.$inferSelect;

/** `skills`, deduplicated, if each names a service (retired ones too: a skill outlives an offer); else a 400 naming the unknown. */
async function checkSkills(ctx: DomainContext, skills: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(skills.map((s) => s.toLowerCase()))];
  if (wanted.length === 0) return [];
  const known = new Set((await ctx.db.select({ slug: services.slug }).from(services).where(inArray(services.slug, wanted))).map((r) => r.slug));
  const unknown = wanted.filter((s) => !known.has(s));
  if (unknown.length) throw invalidInput(`Unknown service slug(s) in skills: ${unknown.join(', ')}`, { skills: `unknown service: ${unknown.join(', ')}` });
  return wanted;
}

/**
 * Adds a technician (no weekly hours yet: `setEmployeeSchedule` gives them some). 409 when the email is taken.
 * @example await createEmployee(adminCtx, { name: 'Rosa Diaz', email: 'rosa@brightside.example', department: 'Plumbing', skills: ['drain-cleaning'] });
 */
export async function createEmployee(ctx: DomainContext, input: EmployeeInput): Promise<EmployeeRow> {
  requireAdmin(ctx);
  const skills = await checkSkills(ctx, input.skills);
  const email = input.email.trim().toLowerCase();
  const insert = ctx.db
    .insert(employees)
    .values({ name: input.name, email, department: input.department, skills, maxJobsPerDay: input.max_jobs_per_day ?? null, active: true })
    .onConflictDoNothing({ target: employees.email })
    .returning();
  const [rows] = await ctx.db.batch([insert, configBump(ctx)]);
  if (rows.length === 0) throw conflict(`An employee with email ${email} already exists`, { email: 'already taken' });
  return rows[0]!;
}

export type EmployeeChanges = Partial<EmployeeInput> & { active?: boolean | undefined };

/**
 * Changes a technician's details, skills, cap or active flag (false: offered for no new jobs; their
 * bookings stay theirs). 404 for an unknown id, 409 for an email another employee has.
 * @example await updateEmployee(adminCtx, 4, { skills: ['drain-cleaning', 'leak-repair', 'water-heater-install'] });
 */
export async function updateEmployee(ctx: DomainContext, id: number, changes: EmployeeChanges): Promise<EmployeeRow> {
  requireAdmin(ctx);
  const set: Partial<typeof employees.$inferInsert> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.email !== undefined) set.email = changes.email.trim().toLowerCase();
  if (changes.department !== undefined) set.department = changes.department;
  if (changes.skills !== undefined) set.skills = await checkSkills(ctx, changes.skills);
  if (changes.max_jobs_per_day !== undefined) set.maxJobsPerDay = changes.max_jobs_per_day;
  if (changes.active !== undefined) set.active = changes.active;
  if (Object.keys(set).length === 0) throw invalidInput('Nothing to change: give at least one field', { '(root)': 'no field to change' });
  let rows: EmployeeRow[];
  try {
    [rows] = await ctx.db.batch([ctx.db.update(employees).set(set).where(eq(employees.id, id)).returning(), configBump(ctx)]);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`An employee with email ${set.email} already exists`, { email: 'already taken' });
    throw e;
  }
  if (rows.length === 0) throw new DomainError('not_found', `Employee ${id} not found`);
  return rows[0]!;
}

/** The employee row, or a 404. */
export async function requireEmployee(ctx: DomainContext, id: number): Promise<EmployeeRow> {
  const row = await ctx.db.select().from(employees).where(eq(employees.id, id)).get();
  if (!row) throw new DomainError('not_found', `Employee ${id} not found`);
  return row;
}
