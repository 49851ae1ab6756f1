/**
 * The seed as plain SQL statements, idempotent (`INSERT OR IGNORE` on fixed
 * ids), so `npm run dev` can load it into the local D1 on every start and the
 * test setup can load the very same rows.
 */
import { seedKbArticles } from './seed-kb.ts';
import { BUSINESS_CONFIG_COUNTER, seedEmployees, seedHolidays, seedOpeningHours, seedProjects, seedSchedules, seedServices, seedStaffMembers, seedTasks } from './seed-data.ts';

type Literal = string | number | boolean | null;

const quote = (v: Literal): string =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : `'${v.replaceAll("'", "''")}'`;

function insert(table: string, rows: readonly Record<string, Literal>[], onlyIf?: string): string[] {
  return rows.map((row) => {
    const cols = Object.keys(row);
    const values = cols.map((c) => quote(row[c] ?? null)).join(', ');
    return onlyIf
      ? `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) SELECT ${values} WHERE ${onlyIf};`
      : `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${values});`;
  });
}

/** The business's configuration is seeded until an admin first changes it (BUSINESS_CONFIG_COUNTER); then it is theirs. */
const UNCONFIGURED = `NOT EXISTS (SELECT 1 FROM counters WHERE name = ${quote(BUSINESS_CONFIG_COUNTER)})`;

/** Every seed statement, in foreign-key order. */
export function seedStatements(): string[] {
  return [
    ...insert(
      'services',
      seedServices.map((s) => ({
        id: s.id,
        slug: s.slug,
        name: s.name,
        category: s.category,
        description: s.description,
        duration_minutes: s.durationMinutes,
        price_cents: s.priceCents,
      })), UNCONFIGURED,
    ),
    ...insert(
      'employees',
      seedEmployees.map((e) => ({ id: e.id, name: e.name, email: e.email, department: e.department, skills: JSON.stringify(e.skills) })), UNCONFIGURED,
    ),
    ...insert(
      'schedules',
      seedSchedules.map((s, i) => ({ id: i + 1, employee_id: s.employeeId, weekday: s.weekday, start_minute: s.startMinute, end_minute: s.endMinute })), UNCONFIGURED,
    ),
    ...insert(
      'opening_hours',
      seedOpeningHours.map((h) => ({ id: h.id, weekday: h.weekday, opens_minute: h.opensMinute, closes_minute: h.closesMinute })), UNCONFIGURED,
    ),
    ...insert(
      'holidays',
      seedHolidays.map((h) => ({ id: h.id, slug: h.slug, name: h.name, rule: h.rule, month: h.month, day: h.day, weekday: h.weekday, nth: h.nth, observed: h.observed })), UNCONFIGURED,
    ),
    ...insert(
      'kb_articles',
      seedKbArticles.map((a) => ({ id: a.id, slug: a.slug, title: a.title, body: a.body, category: a.category, tags: a.tags.join(' ') })),
    ),
    ...insert(
      'projects',
      seedProjects.map((p) => ({ id: p.id, name: p.name, description: p.description, stage: p.stage, owner_subject: p.ownerSubject })),
    ),
    ...insert('staff_members', seedStaffMembers.map((m) => ({ id: m.id, name: m.name }))),
    ...insert(
      'tasks',
      seedTasks.map((t) => ({
        id: t.id,
        owner_subject: t.ownerSubject,
        project_id: t.projectId,
        title: t.title,
        status: t.status,
        priority: t.priority,
        due_date: t.dueDate,
      })),
    ),
  ];
}

/** Loads the seed into `d1` in one batch (one transaction). */
export async function seedDatabase(d1: D1Database): Promise<void> {
  await d1.batch(seedStatements().map((s) => d1.prepare(s)));
}
