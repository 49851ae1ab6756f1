/**
 * The JSON Schemas of tools as each reader is shown them: zod's own output (`inputJsonSchema`), less
 * the ±(2^53 − 1) integer noise, and for customers without the input fields only staff may use. One
 * module for every surface that lists tools (the chat agent's Chat Completions tools, a voice call's
 * realtime tools, MCP `tools/list`) and for the OpenAPI document, so a staff-only parameter is hidden
 * from customers everywhere the same way. Hiding is presentation: the domain refuses a staff-only
 * field from a customer whatever a client sends.
 */
import { z } from 'zod';
import { isStaff, type Principal } from '../auth/principal';
import { inputJsonSchema, type AnyTool } from './registry';

/** Who a listing is written for: staff and admins see staff-only fields and descriptions, everyone else does not. */
export type ToolAudience = 'staff' | 'customer';
export const audienceFor = (principal: Principal): ToolAudience => (isStaff(principal) ? 'staff' : 'customer');

/** An input field only staff may use: its description says so (the worker/tools/ convention). */
const STAFF_ONLY = /^Staff only:/;
export const isStaffOnlyField = (fieldSchema: { description?: unknown } | undefined): boolean =>
  typeof fieldSchema?.description === 'string' && STAFF_ONLY.test(fieldSchema.description);

/**
 * zod's `int()` writes JSON Schema bounds of ±(2^53 − 1) (`Number.MIN/MAX_SAFE_INTEGER`) on every
 * integer: true of JavaScript, but noise in every listing a client reads (and sends to its model).
 * Bounds a tool declared (`min(1)`, `max(200)`) stay.
 */
export function withoutSafeIntegerBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutSafeIntegerBounds);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    out[key] = withoutSafeIntegerBounds(value);
  }
  return out;
}

/**
 * A zod schema as the JSON Schema clients read: converted as input (objects stay open, as MCP's output
 * schemas and the SDK's check), without `$schema` and the safe-integer bounds.
 * @example jsonSchemaOf(z.object({ score: z.int().min(1).max(5) }))
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return withoutSafeIntegerBounds(rest) as Record<string, unknown>;
}

type ObjectSchema = Record<string, unknown> & { properties?: Record<string, { description?: string }>; required?: string[] };

/** The input JSON Schema without the fields the audience may not use. */
function inputSchemaFor(tool: AnyTool, audience: ToolAudience): Record<string, unknown> {
  const schema = withoutSafeIntegerBounds(inputJsonSchema(tool)) as ObjectSchema;
  if (audience === 'staff' || !schema.properties) return schema;
  const hidden = Object.keys(schema.properties).filter((key) => isStaffOnlyField(schema.properties![key]));
  if (!hidden.length) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([key]) => !hidden.includes(key)));
  const required = schema.required?.filter((key) => !hidden.includes(key));
  return { ...schema, properties, ...(required ? { required } : {}) };
}

const inputJsonCache = { staff: new WeakMap<AnyTool, Record<string, unknown>>(), customer: new WeakMap<AnyTool, Record<string, unknown>>() };

/**
 * The input JSON Schema `audience` is shown: zod's own (`inputJsonSchema`, as every surface), less the
 * safe-integer noise and, for customers, the staff-only fields. Computed once per tool and audience
 * (it is on every turn's path).
 * @example toolInputJsonSchema(findTool('list_tickets')!, 'customer') // no `assignee`
 */
export function toolInputJsonSchema(tool: AnyTool, audience: ToolAudience): Record<string, unknown> {
  let json = inputJsonCache[audience].get(tool);
  if (!json) {
    json = inputSchemaFor(tool, audience);
    inputJsonCache[audience].set(tool, json);
  }
  return json;
}

/** The description `audience` reads: staff get `staffDescription` when a tool has one. */
export const descriptionFor = (tool: AnyTool, audience: ToolAudience): string =>
  audience === 'staff' ? (tool.staffDescription ?? tool.description) : tool.description;
