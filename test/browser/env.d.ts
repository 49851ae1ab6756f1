// worker/db/seed.ts (imported for its SQL) names the D1 binding's type; these tests never call it.
interface D1Database {
  batch(statements: unknown[]): Promise<unknown>;
  prepare(sql: string): unknown;
}
