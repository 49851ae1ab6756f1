/**
 * Structured outputs for the fake OpenAI server: `response_format: { type: 'json_schema', json_schema: { name,
 * strict, schema } }`, as the API takes it. A strict schema is checked the way OpenAI checks one (root an object,
 * every object `additionalProperties: false` with all its properties required; otherwise the same 400), and the
 * answer honours the schema: a scripted `json` value is validated against it (a test that scripts what strict mode
 * could never send fails loudly), and an unscripted request gets a value generated from the schema (enums pick the
 * option the conversation mentions, numbers the one nearest 0 in range, strings quote the conversation).
 *
 * Runs under Node 22 as-is (type stripping): only erasable TS syntax in this file.
 */
import { Validator, type Schema } from '@cfworker/json-schema';

type JsonSchema = Record<string, unknown>;

export interface ResponseFormat {
  type?: string;
  json_schema?: { name?: string; strict?: boolean | null; schema?: JsonSchema };
}

/** OpenAI's wording for a strict schema it refuses, or undefined when the schema is acceptable. */
export function strictSchemaProblem(format: ResponseFormat): string | undefined {
  const spec = format.json_schema;
  if (!spec?.name || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) return "Invalid 'response_format.json_schema.name': expected a string of letters, digits, '_' or '-' (at most 64).";
  if (!spec.schema || typeof spec.schema !== 'object') return "Missing required parameter: 'response_format.json_schema.schema'.";
  if (!spec.strict) return undefined;
  const problem = (why: string, path: string) => `Invalid schema for response_format '${spec.name}': In context=(${path}), ${why}.`;
  if (spec.schema.type !== 'object') return problem("schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + String(spec.schema.type) + '"\'', '');
  const walk = (node: unknown, path: string[]): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const s = node as JsonSchema;
    const here = path.map((p) => `'${p}'`).join(', ');
    if (s.type === 'object' || s.properties) {
      if (s.additionalProperties !== false) return problem("'additionalProperties' is required to be supplied and to be false", here);
      const keys = Object.keys((s.properties as JsonSchema | undefined) ?? {});
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      const missing = keys.find((k) => !required.includes(k));
      if (missing) return problem(`'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'`, here);
    }
    for (const [key, child] of Object.entries(s)) {
      if (key === 'properties' || key === 'definitions' || key === '$defs') {
        for (const [name, sub] of Object.entries((child as JsonSchema) ?? {})) {
          const found = walk(sub, [...path, key, name]);
          if (found) return found;
        }
      } else if (key === 'items' || key === 'anyOf') {
        for (const [i, sub] of (Array.isArray(child) ? child : [child]).entries()) {
          const found = walk(sub, [...path, key, String(i)]);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  return walk(spec.schema, []);
}

/** Whether `value` is valid for the request's schema; the errors if not. */
export function checkAgainst(format: ResponseFormat, value: unknown): string[] {
  const result = new Validator(format.json_schema!.schema as Schema, '7', false).validate(value);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** A value the schema admits, made from the conversation's `text` (see the header). */
export function sampleFor(format: ResponseFormat, text: string): unknown {
  const root = format.json_schema!.schema!;
  const lower = text.toLowerCase();
  const resolve = (s: JsonSchema): JsonSchema => {
    const ref = typeof s.$ref === 'string' ? s.$ref : undefined;
    if (!ref) return s;
    const [, where, name] = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref) ?? [];
    return resolve(((root[where ?? ''] as JsonSchema | undefined)?.[decodeURIComponent(name ?? '')] as JsonSchema | undefined) ?? {});
  };
  const sample = (node: JsonSchema, name: string): unknown => {
    const s = resolve(node);
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) {
      const options = s.enum as unknown[];
      return options.find((o) => typeof o === 'string' && new RegExp(`\\b${o.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[_-]/g, '[ _-]?')}`).test(lower)) ?? options[0];
    }
    if (Array.isArray(s.anyOf)) return sample((s.anyOf as JsonSchema[]).find((o) => resolve(o).type !== 'null') ?? (s.anyOf as JsonSchema[])[0]!, name);
    const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
    switch (type) {
      case 'object':
        return Object.fromEntries(Object.entries((s.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([k, v]) => [k, sample(v, k)]));
      case 'array':
        return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => sample((s.items as JsonSchema | undefined) ?? {}, name));
      case 'number':
      case 'integer': {
        const min = Number(s.minimum ?? s.exclusiveMinimum ?? -Infinity);
        const max = Number(s.maximum ?? s.exclusiveMaximum ?? Infinity);
        const step = type === 'integer' ? 1 : 0.5;
        const lo = s.exclusiveMinimum !== undefined ? min + step : min;
        const hi = s.exclusiveMaximum !== undefined ? max - step : max;
        return Math.min(hi, Math.max(lo, 0));
      }
      case 'boolean':
        return false;
      case 'null':
        return null;
      default: {
        const quote = text.replace(/\s+/g, ' ').trim().slice(0, 80);
        const value = `fake ${name}: ${quote}`;
        const max = Number(s.maxLength ?? Infinity);
        return value.slice(0, max).padEnd(Number(s.minLength ?? 0), '.');
      }
    }
  };
  return sample(root, format.json_schema!.name ?? 'value');
}
