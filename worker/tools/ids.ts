/**
 * The one schema of numeric ids (tasks, projects, articles, employees) on every surface. REST path
 * segments and query strings are text, chat/voice/MCP arguments are JSON; both must name the same
 * record the same way. `z.coerce.number()` reads "0x10", " 16", "1e1" and "016" as numbers (so
 * `DELETE /kb/articles/0x10` deleted article 16); here an id is a JSON integer, or its plain decimal
 * text: no sign, no leading zero, no spaces, no exponent, at most 16 digits, within the safe range.
 */
import { z } from 'zod';

const DECIMAL_ID = /^[1-9]\d{0,15}$/;

/**
 * The number a plain decimal id spells, or null for anything else.
 * @example parseDecimalId('16') // 16
 * @example parseDecimalId('0x10') // null
 */
export function parseDecimalId(text: string): number | null {
  if (!DECIMAL_ID.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * A positive integer id: a JSON integer, or its plain decimal text (turned into the number).
 * Its JSON Schema (what models and MCP clients see) is `integer`, `exclusiveMinimum: 0`.
 * @example const taskId = numericId.describe('The numeric id of the task.');
 */
export const numericId = z.preprocess(
  (value) => (typeof value === 'string' ? (parseDecimalId(value) ?? value) : value),
  z.int({ error: 'expected a positive whole number in plain decimal digits, e.g. 16' }).positive(),
);
