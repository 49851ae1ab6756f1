// Shared fixtures for workerd tests: principals of every role and contexts over the real D1.
import { env } from 'cloudflare:workers';
import type { Principal } from '../worker/auth/principal';
import { createContext, type DomainContext } from '../worker/domain/context';

export const anonymous: Principal = { kind: 'anonymous' };
export const customerA: Principal = { kind: 'user', subject: 'cust-a', role: 'customer', name: 'Ann Customer', email: 'ann@example.com' };
export const customerB: Principal = { kind: 'user', subject: 'cust-b', role: 'customer', name: 'Ben Customer', email: 'ben@example.com' };
export const staff: Principal = { kind: 'user', subject: 'alice', role: 'staff', name: 'Alice Staff' };
export const admin: Principal = { kind: 'user', subject: 'root', role: 'admin', name: 'Ada Admin' };

/** A Monday well in the future, so "past date" checks never trip on the real clock. */
export const FUTURE_MONDAY = '2030-03-04';

/** A context over the test D1 (migrated and seeded by test/setup.ts). */
export function ctxFor(actor: Principal, options: { now?: () => number; interactionId?: number } = {}): DomainContext {
  return createContext(env, actor, options);
}

/** Every input field only staff may use, per tool, as staff are shown them (descriptions starting "Staff only:"). */
export async function staffOnlyFields(): Promise<{ tool: string; field: string; type: unknown; enum?: unknown[] }[]> {
  const { TOOLS } = await import('../worker/tools/catalog');
  const { isStaffOnlyField, toolInputJsonSchema } = await import('../worker/tools/schemas');
  return TOOLS.flatMap((tool) =>
    Object.entries((toolInputJsonSchema(tool, 'staff').properties ?? {}) as Record<string, { description?: string; type?: unknown; enum?: unknown[] }>)
      .filter(([, field]) => isStaffOnlyField(field))
      .map(([field, schema]) => ({ tool: tool.name, field, type: schema.type, ...(schema.enum ? { enum: schema.enum } : {}) })),
  );
}
