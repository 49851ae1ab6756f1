// GET /metrics (#14): Prometheus text format, for staff, admins and the METRICS_TOKEN; parsed strictly here, and
// its figures followed across a chat turn and a booking, through the real Worker, session objects and D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../worker/auth/tokens';
import { call, connectChat, openSession, say } from './http-helpers';

type Sample = { name: string; labels: Record<string, string>; value: number };
interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The family a sample line belongs to (histogram lines carry _bucket, _sum, _count). */
const familyOf = (name: string, types: Map<string, string>) => {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' ? base : name;
};

/**
 * A strict reader of the text format 0.0.4: HELP then TYPE before a family's samples, valid names and labels,
 * escaped label values, numeric values, each series once, families not interleaved, and histograms whose buckets
 * ascend, are cumulative, end with +Inf equal to _count, and carry _sum.
 */
function parseExposition(text: string): Exposition {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  const seen = new Set<string>();
  const finished = new Set<string>();
  let current: string | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    expect(line, 'no blank lines').not.toBe('');
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      expect(name).toMatch(NAME);
      expect(finished.has(name), `${name} reopened`).toBe(false);
      if (current && current !== name) finished.add(current);
      current = name;
      if (kind === 'HELP') {
        expect(helped.has(name)).toBe(false);
        expect(rest).not.toMatch(/\\(?![\\n])/);
        helped.add(name);
      } else {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(rest);
        expect(types.has(name)).toBe(false);
        types.set(name, rest);
      }
      continue;
    }
    expect(line.startsWith('#'), `stray comment: ${line}`).toBe(false);
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(m, `sample line: ${line}`).not.toBeNull();
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    const labels: Record<string, string> = {};
    if (labelText) {
      const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
      let at = 0;
      while (at < labelText.length) {
        pair.lastIndex = at;
        const p = pair.exec(labelText);
        expect(p, `labels: ${labelText}`).not.toBeNull();
        expect(p![1]).toMatch(LABEL);
        expect(labels[p![1]!], 'duplicate label').toBeUndefined();
        labels[p![1]!] = p![2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
        at = pair.lastIndex;
      }
    }
    expect(valueText).toMatch(/^(-?\d+(\.\d+)?(e[+-]?\d+)?|NaN|[+-]Inf)$/);
    const family = familyOf(name, types);
    expect(types.has(family) && helped.has(family), `${name} before its HELP/TYPE`).toBe(true);
    expect(family, `${name} outside its family's block`).toBe(current);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    expect(seen.has(key), `duplicate series ${key}`).toBe(false);
    seen.add(key);
    if (types.get(family) === 'counter') expect(name.endsWith('_total'), `counter ${name}`).toBe(true);
    samples.push({ name, labels, value: Number(valueText.replace('+Inf', 'Infinity')) });
  }
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      const { le: _le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, buckets] of series) {
      const les = buckets.map((b) => Number(b.labels.le!.replace('+Inf', 'Infinity')));
      expect(les).toEqual([...les].sort((a, b) => a - b));
      expect(les.at(-1)).toBe(Infinity);
      const counts = buckets.map((b) => b.value);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      const match = (s: Sample) => JSON.stringify(s.labels) === key;
      expect(samples.find((s) => s.name === `${family}_count` && match(s))?.value).toBe(counts.at(-1));
      expect(samples.some((s) => s.name === `${family}_sum` && match(s))).toBe(true);
    }
  }
  return { types, samples };
}

const value = (e: Exposition, name: string, labels: Record<string, string> = {}) =>
  e.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;
const scrape = async (token = env.METRICS_TOKEN!) => {
  const { res, text } = await call('/metrics', { token });
  expect(res.status, text).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(text);
};

describe('GET /metrics', () => {
  it('refuses no token (401), a bad one (401) and customers (403); staff, admins and METRICS_TOKEN read it; never from the URL', async () => {
    const none = await call('/metrics');
    expect(none.res.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect((await call('/metrics', { token: 'not-the-token' })).res.status).toBe(401);
    expect((await call(`/metrics?token=${env.METRICS_TOKEN}`)).res.status).toBe(401);
    const customer = await signToken(env, { sub: 'cust-metrics', role: 'customer' }, '1h');
    const refused = await call('/metrics', { token: customer });
    expect(refused.res.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    for (const role of ['staff', 'admin'] as const) await scrape(await signToken(env, { sub: `m-${role}`, role }, '1h'));
    const e = await scrape();
    for (const family of ['switchboard_turns_total', 'switchboard_bookings_created_total', 'switchboard_escalations_total', 'switchboard_tool_calls_total', 'switchboard_tool_call_duration_seconds', 'switchboard_turn_duration_seconds', 'switchboard_model_errors_total', 'switchboard_circuit_breaker_state', 'switchboard_open_sockets']) {
      expect(e.types.has(family), family).toBe(true);
    }
    expect([...e.types.keys()].every((name) => name.startsWith('switchboard_'))).toBe(true);
  });

  it('moves with a chat turn, an open socket, a handoff and a booking', async () => {
    const before = await scrape();
    const s = await openSession();
    const tab = await connectChat(s);
    await say(s, 'what are your hours on saturday?');
    await say(s, 'can i talk to a real person please');
    const staff = await signToken(env, { sub: 'm-staff', role: 'staff' }, '1h');
    const booked = await call('/api/v1/bookings', {
      method: 'POST',
      token: staff,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2030-06-03T14:00', employee_id: 3, customer_name: 'Mia Metrics', phone: '+1 312 555 0142', address: '5 Elm St, Evanston, IL' }),
    });
    expect(booked.res.status, booked.text).toBe(201);
    const after = await scrape();
    expect(value(after, 'switchboard_bookings_created_total')).toBe(value(before, 'switchboard_bookings_created_total') + 1);
    expect(value(after, 'switchboard_bookings', { status: 'confirmed' })).toBe(value(before, 'switchboard_bookings', { status: 'confirmed' }) + 1);
    expect(value(after, 'switchboard_tool_calls_total', { tool: 'create_booking', outcome: 'ok' })).toBe(value(before, 'switchboard_tool_calls_total', { tool: 'create_booking', outcome: 'ok' }) + 1);
    expect(value(after, 'switchboard_escalations_total', { via: 'handoff' })).toBe(value(before, 'switchboard_escalations_total', { via: 'handoff' }) + 1);
    expect(value(after, 'switchboard_turns_total')).toBe(value(before, 'switchboard_turns_total') + 2);
    expect(value(after, 'switchboard_messages_total', { role: 'user' })).toBe(value(before, 'switchboard_messages_total', { role: 'user' }) + 2);
    expect(value(after, 'switchboard_tool_call_duration_seconds_count')).toBeGreaterThan(value(before, 'switchboard_tool_call_duration_seconds_count'));
    // Isolate-local: the session objects run in this test's isolate, as under wrangler dev.
    expect(value(after, 'switchboard_turn_duration_seconds_count', { outcome: 'ok' })).toBe(value(before, 'switchboard_turn_duration_seconds_count', { outcome: 'ok' }) + 2);
    expect(value(after, 'switchboard_open_sockets', { kind: 'chat' })).toBeGreaterThanOrEqual(1);
    tab.ws.close(1000, 'done');
    await expect
      .poll(async () => value(await scrape(), 'switchboard_open_sockets', { kind: 'chat' }), { timeout: 2000, interval: 20 })
      .toBe(value(after, 'switchboard_open_sockets', { kind: 'chat' }) - 1);
  });
});
