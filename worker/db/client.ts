import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';

/**
 * A drizzle handle, for the query builder only: the code uses no relational queries (`db.query.*`), so the
 * handle is made without the schema, which drizzle would otherwise walk for them on every construction
 * (`extractTablesRelationalConfig`, about a millisecond a request).
 */
export type Db = DrizzleD1Database;

/** Handles already made, by binding (a session object's counted binding lives as long as the object). */
const handles = new WeakMap<D1Database, Db>();

/** The drizzle handle over a D1 binding. */
export function database(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) handles.set(d1, (db = drizzle(d1)));
  return db;
}
