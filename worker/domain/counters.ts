/**
 * Named counters: one atomic UPSERT … RETURNING per allocation, so concurrent
 * callers always get distinct, gap-free values and nothing ever retries.
 */
const ALLOCATE_SQL =
  'INSERT INTO counters (name, value) VALUES (?1, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value';

/** The allocation statement, for use inside a `d1.batch([...])` transaction. */
export const allocateStatement = (d1: D1Database, name: string): D1PreparedStatement => d1.prepare(ALLOCATE_SQL).bind(name);

/**
 * Allocates the next value of counter `name` (the first is 1).
 * @example const n = await allocate(env.DB, 'interaction:2026'); // 1, 2, 3, …
 */
export async function allocate(d1: D1Database, name: string): Promise<number> {
  const row = await allocateStatement(d1, name).first<{ value: number }>();
  if (!row) throw new Error(`counter ${name}: UPSERT returned no row`);
  return row.value;
}

/** `PREFIX-YYYY-000123`: the display form of a yearly counter value. */
export const formatNumber = (prefix: string, year: number, value: number, width: number) =>
  `${prefix}-${year}-${String(value).padStart(width, '0')}`;
