// Tickets as an operational system (#14): round-robin assignment among available staff (under concurrent
// opens), staff availability, SLA due times and breaches with a pinned clock, list filters, the breach
// counts in /analytics, and what customers may not do or see. Real Worker, real D1. Times from 2034 on
// belong to this file.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../worker/auth/principal';
import { signToken } from '../worker/auth/tokens';
import { getAnalytics } from '../worker/domain/analytics';
import { DomainError } from '../worker/domain/errors';
import { requestHuman } from '../worker/domain/handoff';
import { setMyAvailability } from '../worker/domain/staff';
import { DEFAULT_TICKET_SLA, ticketSlaFrom, withTicketSla } from '../worker/domain/ticket-sla';
import { addTicketNote, getTicket, listTickets, openTicket, updateTicket } from '../worker/domain/tickets';
import { ctxFor, customerA, customerB, staff } from './helpers';
import { call } from './http-helpers';

const member = (subject: string): Principal => ({ kind: 'user', subject, role: 'staff', name: subject });
/** A customer of one test: each opens only a few tickets, under the hourly write limit. */
const customer = (subject: string): Principal => ({ kind: 'user', subject, role: 'customer', name: subject });
const token = (sub: string, role: 'customer' | 'staff' | 'admin', name?: string) => signToken(env, { sub, role, ...(name ? { name } : {}) }, '1h');

/** Exactly these seeded staff are available. */
async function onlyAvailable(...ids: string[]) {
  for (const id of ['alice', 'bob', 'nina']) await setMyAvailability(ctxFor(member(id)), { available: ids.includes(id) });
}

/** A ticket's SLA figures (staff see them in the view). */
const sla = (t: { first_response_due?: number; resolution_due?: number; first_response_breached?: boolean; resolution_breached?: boolean }) => ({
  first_response_due: t.first_response_due,
  resolution_due: t.resolution_due,
  first_response_breached: t.first_response_breached,
  resolution_breached: t.resolution_breached,
});

function tally(assignees: (string | null)[]) {
  const counts: Record<string, number> = {};
  for (const a of assignees) counts[String(a)] = (counts[String(a)] ?? 0) + 1;
  return counts;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('assignment', () => {
  it('spreads 20 concurrent opens evenly, round-robin, over the available staff', async () => {
    await onlyAvailable('alice', 'bob', 'nina');
    // Twenty customers at once, over REST, as twenty widgets would.
    const opened = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { res, body, text } = await call('/api/v1/tickets', {
          method: 'POST',
          token: await token(`rr-cust-${i}`, 'customer'),
          body: JSON.stringify({ subject: `Concurrent ${i}`, description: 'Opened at the same time as nineteen others.' }),
        });
        expect(res.status, text).toBe(201);
        return body as { number: string; assignee: string | null };
      }),
    );
    expect(new Set(opened.map((t) => t.number)).size).toBe(20);
    const counts = tally(opened.map((t) => t.assignee));
    expect(Object.keys(counts).sort()).toEqual(['alice', 'bob', 'nina']);
    expect(Object.values(counts).sort()).toEqual([6, 7, 7]);
    // In D1 as answered.
    const rows = await env.DB.prepare(`SELECT assignee, count(*) AS n FROM tickets WHERE subject LIKE 'Concurrent %' GROUP BY assignee`).all<{ assignee: string; n: number }>();
    expect(Object.fromEntries(rows.results.map((r) => [r.assignee, r.n]))).toEqual(counts);
  });

  it('skips staff who are not available, takes in whoever marks themselves available, and leaves tickets unassigned when nobody is', async () => {
    await onlyAvailable('alice', 'bob');
    const open = (i: number) => openTicket(ctxFor(staff), { subject: `Skip ${i}`, description: 'x' });
    const two = [];
    for (let i = 0; i < 6; i++) two.push((await open(i)).assignee);
    expect(tally(two)).toEqual({ alice: 3, bob: 3 });
    // Strict rotation: never the same person twice in a row while two are available.
    for (let i = 1; i < two.length; i++) expect(two[i]).not.toBe(two[i - 1]);

    // Over REST, a staff member not yet on the team joins it with their token's name.
    const { res, body } = await call('/api/v1/staff/me', { method: 'PATCH', token: await token('omar', 'staff', 'Omar Said'), body: JSON.stringify({ available: true }) });
    expect(res.status).toBe(200);
    expect(body).toEqual({ id: 'omar', name: 'Omar Said', available: true, open_tickets: 0 });
    // Omar has had no ticket, so he is next in line.
    expect((await open(6)).assignee).toBe('omar');
    const team = await call('/api/v1/staff', { token: await token('alice', 'staff') });
    expect(team.body.map((m: { id: string; available: boolean }) => [m.id, m.available])).toEqual([['alice', true], ['bob', true], ['nina', false], ['omar', true]]);
    expect(team.body.find((m: { id: string }) => m.id === 'omar').open_tickets).toBe(1);

    await setMyAvailability(ctxFor(member('omar')), { available: false });
    await onlyAvailable();
    expect((await open(7)).assignee).toBeNull();
    // Handoffs and emergencies go round-robin too.
    await onlyAvailable('nina');
    const handoff = await requestHuman(ctxFor(customer('gas-caller')), { reason: 'Gas smell in the basement', emergency: true });
    expect((await getTicket(ctxFor(staff), { ticket_number: handoff.ticket_number })).assignee).toBe('nina');
  });

  it('lets staff assign by hand only to someone on the team', async () => {
    await onlyAvailable('alice', 'bob', 'nina');
    const t = await openTicket(ctxFor(customer('manual-cust')), { subject: 'Manual', description: 'Assign me by hand.' });
    const staffToken = await token('alice', 'staff');
    const moved = await call(`/api/v1/tickets/${t.number}`, { method: 'PATCH', token: staffToken, body: JSON.stringify({ assignee: 'bob' }) });
    expect(moved.res.status).toBe(200);
    expect(moved.body.assignee).toBe('bob');
    const bad = await call(`/api/v1/tickets/${t.number}`, { method: 'PATCH', token: staffToken, body: JSON.stringify({ assignee: 'mallory', status: 'closed' }) });
    expect(bad.res.status).toBe(400);
    expect(bad.body.error.message).toContain('mallory');
    expect(bad.body.error.message).toContain('alice, bob, nina');
    // Nothing half-written: the status did not change either.
    expect((await getTicket(ctxFor(staff), { ticket_number: t.number })).status).toBe('open');
    expect((await updateTicket(ctxFor(staff), { ticket_number: t.number, assignee: '' })).assignee).toBeNull();
  });
});

describe('SLA targets', () => {
  it('ships the documented defaults in wrangler.jsonc, merges partial overrides and ignores invalid ones', () => {
    expect(ticketSlaFrom(env.TICKET_SLA)).toEqual(DEFAULT_TICKET_SLA);
    expect(DEFAULT_TICKET_SLA.urgent).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    const partial = ticketSlaFrom('{"urgent":{"first_response_minutes":5},"low":{"resolution_minutes":10080}}');
    expect(partial.urgent).toEqual({ firstResponseMinutes: 5, resolutionMinutes: 240 });
    expect(partial.low).toEqual({ firstResponseMinutes: 1440, resolutionMinutes: 10080 });
    expect(partial.high).toEqual(DEFAULT_TICKET_SLA.high);
    for (const bad of ['{', '[]', '{"urgent":{"first_response_minutes":0}}', '{"urgnet":{}}', '{"high":{"first_response_minutes":"soon"}}']) {
      expect(ticketSlaFrom(bad), bad).toEqual(DEFAULT_TICKET_SLA);
    }
    expect(ticketSlaFrom('')).toEqual(DEFAULT_TICKET_SLA);
  });

  it('computes due times and breaches at the clock, met late stays breached, and filters by them', async () => {
    const T = Date.parse('2034-03-06T15:00:00Z'); // a Monday, 9:00 in Chicago
    const at = (p: Principal, ms: number) => ctxFor(p, { now: () => T + ms });
    const MIN = 60_000;
    const urgent = await openTicket(at(customer('sla-a'), 0), { subject: 'SLA urgent', description: 'No heat', priority: 'urgent' });
    const high = await openTicket(at(customer('sla-a'), 0), { subject: 'SLA high', description: 'Leak', priority: 'high' });
    const low = await openTicket(at(customer('sla-b'), 0), { subject: 'SLA low', description: 'Question', priority: 'low' });

    const before = await getTicket(at(staff, 10 * MIN), { ticket_number: urgent.number });
    expect(sla(before)).toEqual({ first_response_due: T + 15 * MIN, resolution_due: T + 240 * MIN, first_response_breached: false, resolution_breached: false });
    expect(before.first_response_at).toBeNull();
    expect((await getTicket(at(staff, 16 * MIN), { ticket_number: urgent.number })).first_response_breached).toBe(true);

    // The high ticket gets a note in time: its first response is met for good.
    await addTicketNote(at(staff, 30 * MIN), { ticket_number: high.number, body: 'Called back.' });
    // The urgent one is answered late (a status change) and resolved within its 4 hours.
    await updateTicket(at(staff, 20 * MIN), { ticket_number: urgent.number, status: 'pending' });
    const resolved = await updateTicket(at(staff, 200 * MIN), { ticket_number: urgent.number, status: 'resolved' });
    expect(resolved).toMatchObject({ first_response_at: T + 20 * MIN, resolved_at: T + 200 * MIN });
    expect(sla(resolved)).toMatchObject({ first_response_breached: true, resolution_breached: false });
    // Closing later keeps the time it was resolved.
    expect((await updateTicket(at(staff, 300 * MIN), { ticket_number: urgent.number, status: 'closed' })).resolved_at).toBe(T + 200 * MIN);

    const nineHours = at(staff, 9 * 60 * MIN);
    const h = await getTicket(nineHours, { ticket_number: high.number });
    expect(sla(h)).toMatchObject({ first_response_breached: false, resolution_breached: true, resolution_due: T + 480 * MIN });
    const l = await getTicket(nineHours, { ticket_number: low.number });
    expect(sla(l)).toMatchObject({ first_response_breached: false, resolution_breached: false });

    const mine = [urgent.number, high.number, low.number];
    const numbers = async (filter: Parameters<typeof listTickets>[1]) =>
      (await listTickets(nineHours, { limit: 100, ...filter })).map((t) => t.number).filter((n) => mine.includes(n)).sort();
    expect(await numbers({ breached: 'first_response' })).toEqual([urgent.number]);
    expect(await numbers({ breached: 'resolution' })).toEqual([high.number]);
    expect(await numbers({ breached: 'any' })).toEqual([urgent.number, high.number].sort());
    expect(await numbers({ breached: 'any', priority: 'high' })).toEqual([high.number]);
    expect(await numbers({ status: 'closed' })).toEqual([urgent.number]);
    expect(await numbers({ priority: 'low' })).toEqual([low.number]);
    // The list says the same as get, ticket by ticket.
    for (const t of await listTickets(nineHours, { limit: 100 })) {
      if (mine.includes(t.number)) expect(sla(t)).toEqual(sla(await getTicket(nineHours, { ticket_number: t.number })));
    }

    // Reopening clears the resolution; tighter targets (a ctx override) breach the low one too.
    expect((await updateTicket(at(staff, 9 * 60 * MIN), { ticket_number: urgent.number, status: 'open' })).resolved_at).toBeNull();
    const strict = withTicketSla(nineHours, { low: { firstResponseMinutes: 60, resolutionMinutes: 120 } });
    expect(sla(await getTicket(strict, { ticket_number: low.number }))).toMatchObject({ first_response_breached: true, resolution_breached: true });

    // /analytics counts them for the day, at the same clock.
    const counts = (await getAnalytics(nineHours, { from: '2034-03-06', to: '2034-03-06' })).tickets;
    // Reopened, the urgent one is unresolved again and past its 4 hours.
    expect(counts).toEqual({ opened: 3, unresolved: 3, first_response_breached: 1, resolution_breached: 2 });
  });

  it('counts a staff message in the ticket’s conversation as its first response', async () => {
    const T = Date.parse('2034-03-07T15:00:00Z');
    const MIN = 60_000;
    const { meta } = await env.DB.prepare(`INSERT INTO interactions (number, session_id, channel, status, created_at, updated_at) VALUES ('INT-2034-99001', 'sla-session', 'chat', 'escalated', ?1, ?1)`)
      .bind(T)
      .run();
    const interactionId = Number(meta.last_row_id);
    // Another conversation's staff message, earlier, is not this ticket's response.
    const other = await env.DB.prepare(`INSERT INTO interactions (number, session_id, channel, status, created_at, updated_at) VALUES ('INT-2034-99002', 'sla-other', 'chat', 'open', ?1, ?1)`)
      .bind(T)
      .run();
    await env.DB.prepare(`INSERT INTO messages (interaction_id, seq, role, content, created_at) VALUES (?1, 1, 'staff', 'Elsewhere', ?2)`)
      .bind(Number(other.meta.last_row_id), T + MIN)
      .run();
    const ticket = await openTicket(ctxFor(customer('handoff-cust'), { now: () => T, interactionId }), { subject: 'Handoff SLA', description: 'Wants a person', priority: 'urgent' });
    await env.DB.prepare(`INSERT INTO messages (interaction_id, seq, role, content, created_at) VALUES (?1, 1, 'user', 'hello?', ?2), (?1, 2, 'staff', 'Hi, Alice here.', ?3)`)
      .bind(interactionId, T + MIN, T + 5 * MIN)
      .run();
    const seen = await getTicket(ctxFor(staff, { now: () => T + 60 * MIN }), { ticket_number: ticket.number });
    expect(seen.first_response_at).toBe(T + 5 * MIN);
    expect(seen.first_response_breached).toBe(false);
    // An earlier stamp is not overridden by a later message, nor the other way round.
    await addTicketNote(ctxFor(staff, { now: () => T + 30 * MIN }), { ticket_number: ticket.number, body: 'Joined the chat.' });
    expect((await getTicket(ctxFor(staff, { now: () => T + 60 * MIN }), { ticket_number: ticket.number })).first_response_at).toBe(T + 5 * MIN);
  });
});

describe('the Tickets page reads', () => {
  it('sorts by what falls due first (sort=due), resolved last, and names the conversation for staff only', async () => {
    const T = Date.parse('2034-04-03T15:00:00Z');
    const MIN = 60_000;
    const at = (p: Principal, ms: number) => ctxFor(p, { now: () => T + ms });
    const { meta } = await env.DB.prepare(`INSERT INTO interactions (number, session_id, channel, status, created_at, updated_at) VALUES ('INT-2034-99101', 'sort-session', 'chat', 'escalated', ?1, ?1)`)
      .bind(T)
      .run();
    const normal = await openTicket(ctxFor(customer('sort-a'), { now: () => T, interactionId: Number(meta.last_row_id) }), { subject: 'Sort normal', description: 'd', priority: 'normal' });
    const high = await openTicket(at(customer('sort-a'), 0), { subject: 'Sort high', description: 'd', priority: 'high' });
    const low = await openTicket(at({ ...customer('sort-b'), sessionId: 'sort-own-session' } as Principal, 0), { subject: 'Sort low', description: 'd', priority: 'low' });
    const urgent = await openTicket(at(customer('sort-b'), 10 * MIN), { subject: 'Sort urgent', description: 'd', priority: 'urgent' });
    // High answered in time: its next target is the resolution (8 h); low resolved: nothing is due.
    await addTicketNote(at(staff, 5 * MIN), { ticket_number: high.number, body: 'On it.' });
    await updateTicket(at(staff, 6 * MIN), { ticket_number: low.number, status: 'resolved' });
    const mine = [normal.number, high.number, low.number, urgent.number];
    const order = async (sort?: 'due' | 'newest') => (await listTickets(at(staff, 30 * MIN), { limit: 100, ...(sort ? { sort } : {}) })).map((t) => t.number).filter((n) => mine.includes(n));
    // Urgent's first response is due at +25 min, normal's at +4 h, high's resolution at +8 h.
    expect(await order('due')).toEqual([urgent.number, normal.number, high.number, low.number]);
    expect(await order()).toEqual([urgent.number, low.number, high.number, normal.number]);
    expect(await order('newest')).toEqual(await order());

    const views = new Map((await listTickets(at(staff, 30 * MIN), { limit: 100 })).map((t) => [t.number, t]));
    expect(views.get(normal.number)?.session_id).toBe('sort-session');
    expect(views.get(low.number)?.session_id).toBe('sort-own-session');
    expect(views.get(high.number)?.session_id).toBeNull();
    expect((await getTicket(at(staff, 30 * MIN), { ticket_number: normal.number })).session_id).toBe('sort-session');
    expect(await getTicket(at(customer('sort-a'), 30 * MIN), { ticket_number: normal.number })).not.toHaveProperty('session_id');
    // Over REST as the console asks: a 400 for a sort that is not one.
    const staffToken = await token('alice', 'staff');
    expect((await call('/api/v1/tickets?sort=due&limit=5', { token: staffToken })).res.status).toBe(200);
    const bad = await call('/api/v1/tickets?sort=oldest', { token: staffToken });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('sort');
  });
});

describe('customers and bad input', () => {
  it('refuses customer tokens on staff ticket operations (403) and shows a customer only their own tickets, without notes or SLA', async () => {
    const annToken = await token('cust-a', 'customer');
    const mine = await openTicket(ctxFor(customerA), { subject: 'Ann only', description: 'Mine.' });
    const bens = await openTicket(ctxFor(customerB), { subject: 'Ben only', description: 'His.' });
    await addTicketNote(ctxFor(staff), { ticket_number: mine.number, body: 'INTERNAL: refund approved up to $50.' });

    const staffOps: [string, string, unknown?][] = [
      ['PATCH', `/api/v1/tickets/${mine.number}`, { status: 'closed' }],
      ['POST', `/api/v1/tickets/${mine.number}/notes`, { body: 'customer note' }],
      ['GET', '/api/v1/staff'],
      ['PATCH', '/api/v1/staff/me', { available: true }],
      ['GET', '/api/v1/analytics'],
    ];
    for (const [method, path, body] of staffOps) {
      const { res } = await call(path, { method, token: annToken, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const got = await call(`/api/v1/tickets/${mine.number}`, { token: annToken });
    expect(got.res.status).toBe(200);
    expect(got.body).not.toHaveProperty('notes');
    expect(got.text).not.toContain('_due');
    expect(got.text).not.toContain('breached');
    expect(got.text).not.toContain('INTERNAL');
    expect((await call(`/api/v1/tickets/${bens.number}`, { token: annToken })).res.status).toBe(404);
    // Staff's filters are refused to her (403), not quietly ignored; every other one keeps to her own tickets.
    for (const query of ['?breached=any', '?assignee=alice']) {
      const refused = await call(`/api/v1/tickets${query}`, { token: annToken });
      expect(refused.res.status, query).toBe(403);
      expect(refused.text, query).not.toContain('INTERNAL');
    }
    for (const query of ['', '?status=open', '?priority=normal']) {
      const list = await call(`/api/v1/tickets${query}`, { token: annToken });
      expect(list.res.status, query).toBe(200);
      expect(list.body.every((t: { opened_by: string }) => t.opened_by === 'cust-a'), query).toBe(true);
      expect(list.text, query).not.toContain('INTERNAL');
      expect(list.text, query).not.toContain('breached');
    }
    // The domain refuses the same, whatever surface calls it.
    expect(await codeOf(updateTicket(ctxFor(customerA), { ticket_number: mine.number, assignee: 'alice' }))).toBe('forbidden');
    expect(await codeOf(setMyAvailability(ctxFor(customerA), { available: true }))).toBe('forbidden');
  });

  it('answers bad input with 400 and what was wrong', async () => {
    const staffToken = await token('alice', 'staff');
    const t = await openTicket(ctxFor(customer('bad-input-cust')), { subject: 'Bad input', description: 'x' });
    const cases: [string, string, unknown | undefined, string][] = [
      ['GET', '/api/v1/tickets?breached=yes', undefined, 'breached'],
      ['GET', '/api/v1/tickets?priority=huge', undefined, 'priority'],
      ['PATCH', `/api/v1/tickets/${t.number}`, { priority: 'huge' }, 'priority'],
      ['PATCH', `/api/v1/tickets/${t.number}`, { status: 'done' }, 'status'],
      ['PATCH', '/api/v1/staff/me', { available: 'maybe' }, 'available'],
      ['PATCH', '/api/v1/staff/me', {}, 'available'],
    ];
    for (const [method, path, body, field] of cases) {
      const { res, body: answer } = await call(path, { method, token: staffToken, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(JSON.stringify(answer.error), path).toContain(field);
    }
  });
});
