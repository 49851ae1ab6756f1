/** Validation of calendar dates that callers (and models) type, and how views show instants. */
import { z } from 'zod';
import { invalidInput } from './errors';

/** A stored instant as task, project, ticket and article views return it. */
export const epochMs = z.int().describe('Unix time in milliseconds.');

/** Validates a `YYYY-MM-DD` calendar date (rejects 2030-02-30). */
export function parseLocalDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== value.trim()) {
    throw invalidInput(`${field} must be a date like 2030-03-04`, { [field]: 'expected YYYY-MM-DD' });
  }
  return value.trim();
}
