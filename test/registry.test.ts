// The tool registry: declarations, schema conversion, and the RBAC matrix executed against real D1.
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Principal } from '../worker/auth/principal';
import { toOpenAITools, toRealtimeTools } from '../worker/tools/adapters';
import { TOOLS, findTool } from '../worker/tools/catalog';
import { executeTool, inputJsonSchema, selectTools, type ToolResult } from '../worker/tools/registry';
import { admin, anonymous, ctxFor, customerA, customerB, staff } from './helpers';
import { openSession, say } from './http-helpers';

type Who = 'anonymous' | 'customer' | 'staff' | 'admin';
const ALL: Who[] = ['anonymous', 'customer', 'staff', 'admin'];
const SIGNED_IN: Who[] = ['customer', 'staff', 'admin'];
const STAFF: Who[] = ['staff', 'admin'];
const CUSTOMER: Who[] = ['customer'];
const ADMIN: Who[] = ['admin'];

/** Who may call what: written out here, independently of the tool files, so a drift in either fails. */
const EXPECTED_ACCESS: Record<string, Who[]> = {
  list_services: ALL,
  check_availability: ALL,
  create_booking: SIGNED_IN,
  get_booking: SIGNED_IN,
  list_bookings: SIGNED_IN,
  cancel_booking: SIGNED_IN,
  reschedule_booking: SIGNED_IN,
  update_booking_details: SIGNED_IN,
  complete_booking: STAFF,
  request_booking_code: CUSTOMER,
  verify_booking_code: CUSTOMER,
  search_knowledge_base: ALL,
  get_kb_article: ALL,
  list_kb_articles: ALL,
  create_kb_article: STAFF,
  update_kb_article: STAFF,
  delete_kb_article: STAFF,
  add_task: SIGNED_IN,
  list_tasks: SIGNED_IN,
  update_task: SIGNED_IN,
  complete_task: SIGNED_IN,
  delete_task: SIGNED_IN,
  list_projects: STAFF,
  create_project: STAFF,
  update_project: STAFF,
  open_ticket: SIGNED_IN,
  list_tickets: SIGNED_IN,
  get_ticket: SIGNED_IN,
  update_ticket: STAFF,
  add_ticket_note: STAFF,
  list_staff: STAFF,
  set_my_availability: STAFF,
  request_human: SIGNED_IN,
  list_conversations: STAFF,
  get_analytics: STAFF,
  get_booking_stats: STAFF,
  get_business_settings: ADMIN,
  set_opening_hours: ADMIN,
  add_holiday: ADMIN,
  remove_holiday: ADMIN,
  add_closure: ADMIN,
  remove_closure: ADMIN,
  create_service: ADMIN,
  update_service: ADMIN,
  create_employee: ADMIN,
  update_employee: ADMIN,
  set_employee_schedule: ADMIN,
  add_time_off: ADMIN,
  remove_time_off: ADMIN,
};

const principals: Record<Who, Principal> = { anonymous, customer: customerB, staff, admin };

describe('declarations', () => {
  it('has unique snake_case names, model-facing descriptions and the expected set of tools', () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of TOOLS) {
      expect(t.name).toMatch(/^[a-z][a-z0-9_]{2,63}$/);
      expect(t.description.length, t.name).toBeGreaterThan(30);
    }
    expect([...names].sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  it('converts every input schema to valid JSON Schema that accepts the example, which zod accepts too', () => {
    for (const tool of TOOLS) {
      const schema = inputJsonSchema(tool);
      expect(schema.type, tool.name).toBe('object');
      const validator = new Validator(schema as never, '2020-12');
      const asJson = JSON.parse(JSON.stringify(tool.example));
      const verdict = validator.validate(asJson);
      expect(verdict.errors, `${tool.name}: ${JSON.stringify(verdict.errors)}`).toEqual([]);
      expect(tool.input.safeParse(asJson).success, tool.name).toBe(true);
      // A wrong type for a declared property must be refused by both.
      const firstProp = Object.keys((schema.properties as object) ?? {})[0];
      if (firstProp) {
        const bad = { ...asJson, [firstProp]: { not: 'valid' } };
        expect(validator.validate(bad).valid, `${tool.name}.${firstProp}`).toBe(false);
        expect(tool.input.safeParse(bad).success, `${tool.name}.${firstProp}`).toBe(false);
      }
    }
  });

  it('declares an output schema for every tool: an object or an array, convertible to JSON Schema', () => {
    for (const tool of TOOLS) {
      expect(tool.output, tool.name).toBeDefined();
      // The MCP adapter wraps by this type (arrays as { results }); anything else would be wrapped as { result }.
      expect(['object', 'array'], tool.name).toContain(tool.output!.def.type);
      expect(() => new Validator(z.toJSONSchema(tool.output!) as never, '2020-12'), tool.name).not.toThrow();
    }
  });

  it('produces OpenAI chat and realtime tool shapes from the same list', () => {
    const chat = toOpenAITools(TOOLS);
    const realtime = toRealtimeTools(TOOLS);
    expect(chat.map((t) => t.function.name)).toEqual(TOOLS.map((t) => t.name));
    expect(realtime.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(chat[0]).toMatchObject({ type: 'function', function: { parameters: { type: 'object' } } });
    expect(realtime[0]).toMatchObject({ type: 'function', parameters: { type: 'object' } });
  });

  it('filters by role, category, exclusion and maximum count', () => {
    const anonTools = selectTools(TOOLS, anonymous).map((t) => t.name);
    expect(anonTools.sort()).toEqual(Object.keys(EXPECTED_ACCESS).filter((n) => EXPECTED_ACCESS[n]!.includes('anonymous')).sort());
    const knowledge = selectTools(TOOLS, staff, { categories: ['knowledge'] });
    expect(knowledge.length).toBeGreaterThan(0);
    expect(knowledge.every((t) => t.category === 'knowledge')).toBe(true);
    expect(selectTools(TOOLS, staff, { exclude: ['list_services'] }).some((t) => t.name === 'list_services')).toBe(false);
    expect(selectTools(TOOLS, staff, { max: 3 })).toHaveLength(3);
  });
});

describe('RBAC matrix: every tool × every role, executed', () => {
  for (const tool of TOOLS) {
    for (const who of ALL) {
      const allowed = EXPECTED_ACCESS[tool.name]?.includes(who) ?? false;
      it(`${tool.name} as ${who}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const result = await executeTool(tool, ctxFor(principals[who]), tool.example, 'rest');
        if (allowed) {
          // Allowed callers may still meet not_found or conflict for example data, never a permission error.
          if (!result.ok) expect(['unauthorized', 'forbidden', 'internal', 'invalid_input']).not.toContain(result.error.code);
          else expectDeclaredShape(tool.name, result);
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe(who === 'anonymous' ? 'unauthorized' : 'forbidden');
        }
      });
    }
  }
});

/**
 * `result` is a success whose data `name`'s `output` schema accepts as it is: zod drops keys a
 * schema does not declare, so equality after parsing also proves the data has no undeclared field.
 * @returns the data, for the next call of a scenario
 */
// Scenario data of many shapes, read field by field; `any` spares a cast per step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function expectDeclaredShape(name: string, result: ToolResult): any {
  expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
  if (!result.ok) return undefined;
  const parsed = findTool(name)!.output!.safeParse(result.data);
  expect(parsed.error?.issues, `${name} returned data its output schema refuses`).toBeUndefined();
  expect(parsed.data, `${name} returned fields its output schema does not declare`).toEqual(result.data);
  return result.data;
}

describe('output schemas match what the tools really return (dates 2030-08-13/14 belong to this test)', () => {
  it('runs every tool successfully on real D1 and parses its data with the declared output schema', async () => {
    const checked = new Set<string>();
    const run = async (actor: Principal, name: string, input: unknown) => {
      const data = expectDeclaredShape(name, await executeTool(findTool(name)!, ctxFor(actor), input, 'rest'));
      checked.add(name);
      return data;
    };

    // Catalog, availability and the knowledge base, as a visitor.
    const catalog = await run(anonymous, 'list_services', {});
    expect(catalog.services.length).toBeGreaterThan(0);
    const week = await run(anonymous, 'check_availability', { service: 'drain-cleaning', date_from: '2030-08-13', date_to: '2030-08-14' });
    // Far-apart open times: the first and last of day one, the last of day two.
    const starts = week.days.map((d: { slots: { start: string }[] }) => d.slots.map((s) => s.start)) as string[][];
    const [day1 = [], day2 = []] = starts;
    expect(day1.length).toBeGreaterThan(4);
    expect(day2.length).toBeGreaterThan(0);
    const [first, second, third] = [day1[0], day1.at(-1), day2.at(-1)];
    const hits = await run(anonymous, 'search_knowledge_base', { query: 'business hours' });
    expect(hits.length).toBeGreaterThan(0);
    await run(anonymous, 'get_kb_article', { article_id: hits[0].id });
    expect((await run(anonymous, 'list_kb_articles', {})).length).toBeGreaterThan(0);

    // A booking's whole life: booked and moved by the customer, confirmed and completed by staff; another cancelled.
    const contact = { customer_name: 'Ann Customer', phone: '312-555-0100', email: 'ann@example.com', address: '1200 W Main St, Chicago, IL 60601' };
    const booked = await run(customerA, 'create_booking', { service: 'drain-cleaning', start: first, ...contact, notes: 'Drift check' });
    await run(customerA, 'get_booking', { booking_number: booked.number });
    const mine = await run(customerA, 'list_bookings', { date_from: '2030-08-13', date_to: '2030-08-14' });
    expect(mine.bookings.map((b: { number: string }) => b.number)).toContain(booked.number);
    await run(customerA, 'reschedule_booking', { booking_number: booked.number, start: third });
    expect((await run(customerA, 'update_booking_details', { booking_number: booked.number, address: '2660 N Orchard St, Chicago' })).address).toBe('2660 N Orchard St, Chicago');
    await run(staff, 'complete_booking', { booking_number: booked.number });
    // From another customer's conversation: a code to the phone on that booking, and back, grants it to them.
    const asked = await run(customerB, 'request_booking_code', { booking_number: booked.number, channel: 'sms' });
    expect(asked.booking_number).toBe(booked.number);
    const sent = await ctxFor(staff)
      .d1.prepare("SELECT body FROM outbound_messages WHERE recipient = '312-555-0100' ORDER BY id DESC LIMIT 1")
      .first<{ body: string }>();
    const code = /: (\d{6}) is your code/.exec(sent?.body ?? '')?.[1];
    expect((await run(customerB, 'verify_booking_code', { booking_number: booked.number, code })).number).toBe(booked.number);
    const other = await run(customerA, 'create_booking', { service: 'drain-cleaning', start: second, ...contact });
    expect((await run(customerA, 'cancel_booking', { booking_number: other.number, reason: 'Drift check' })).status).toBe('cancelled');
    await run(staff, 'list_bookings', { date_from: '2030-08-13', date_to: '2030-08-14' });

    // Personal tasks, and a team project with a task in it (so its counts are not all zero).
    const task = await run(customerA, 'add_task', { title: 'Drift check task', notes: 'n', due_date: '2030-08-15' });
    await run(customerA, 'list_tasks', {});
    await run(customerA, 'update_task', { task_id: task.id, status: 'in_progress' });
    expect((await run(customerA, 'complete_task', { task_id: task.id })).completed_at).toEqual(expect.any(Number));
    await run(customerA, 'delete_task', { task_id: task.id });
    const project = await run(staff, 'create_project', { name: 'Drift check project', stage: 'active' });
    await run(staff, 'add_task', { title: 'Drift check team task', project_id: project.id });
    await run(staff, 'list_tasks', { project_id: project.id });
    const projects = await run(staff, 'list_projects', {});
    expect(projects.find((p: { id: number }) => p.id === project.id).task_counts.total).toBe(1);
    await run(staff, 'update_project', { project_id: project.id, description: 'Checked' });

    // A ticket seen by its customer (no notes) and by staff (with notes).
    const ticket = await run(customerA, 'open_ticket', { subject: 'Drift check', description: 'Output schema check.' });
    await run(customerA, 'list_tickets', {});
    expect((await run(customerA, 'get_ticket', { ticket_number: ticket.number })).notes).toBeUndefined();
    await run(staff, 'update_ticket', { ticket_number: ticket.number, assignee: 'alice' });
    await run(staff, 'add_ticket_note', { ticket_number: ticket.number, body: 'Looked at it.' });
    expect((await run(staff, 'get_ticket', { ticket_number: ticket.number })).notes).toHaveLength(1);
    await run(staff, 'list_tickets', { assignee: 'alice', breached: 'any' });
    expect((await run(staff, 'set_my_availability', { available: true })).id).toBe('alice');
    expect((await run(staff, 'list_staff', {})).map((m: { id: string }) => m.id)).toContain('alice');
    await run(customerA, 'request_human', { reason: 'Drift check handoff.' });

    // The staff queue, with one real conversation in it (so the row shape is checked, not an empty list).
    const chat = await openSession({ customer_name: 'Drift Check' });
    await say(chat, 'What are your hours?');
    const queue = await run(staff, 'list_conversations', { channel: 'chat', limit: 200 });
    expect(queue.conversations.map((c: { session_id: string }) => c.session_id)).toContain(chat.session_id);
    const figures = await run(staff, 'get_analytics', {});
    expect(figures.totals.conversations).toBeGreaterThanOrEqual(1);
    const stats = await run(staff, 'get_booking_stats', { from: '2030-08-13', to: '2030-08-14', group_by: 'service' });
    expect(stats.total).toBeGreaterThanOrEqual(1);
    expect(stats.groups.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(stats.total);

    // Knowledge-base editing, a draft included.
    const article = await run(staff, 'create_kb_article', { title: 'Drift check article', body: 'Body text.', category: 'General', published: false });
    await run(staff, 'update_kb_article', { article_id: article.id, tags: ['drift'] });
    await run(staff, 'get_kb_article', { article_id: article.id });
    await run(staff, 'delete_kb_article', { article_id: article.id });

    // Configuring the business, as an admin (dates in 2039, which nothing else here books).
    const settings = await run(admin, 'get_business_settings', {});
    await run(admin, 'set_opening_hours', { hours: settings.hours });
    const holiday = await run(admin, 'add_holiday', { name: 'Drift Check Day', rule: 'nth_weekday', month: 10, weekday: 1, nth: 2 });
    await run(admin, 'remove_holiday', { holiday_id: holiday.id });
    const closed = await run(admin, 'add_closure', { date: '2039-11-01', start: '12:00', end: '17:00', reason: 'Drift check' });
    await run(admin, 'remove_closure', { closure_id: closed.closures[0].id });
    const service = await run(admin, 'create_service', { slug: 'drift-check', name: 'Drift Check', category: 'HVAC', duration_minutes: 45, price_cents: 0 });
    await run(admin, 'update_service', { service_id: service.id, active: false });
    const employee = await run(admin, 'create_employee', { name: 'Drift Check', email: 'drift@brightside.example', department: 'HVAC', skills: ['drift-check'] });
    await run(admin, 'update_employee', { employee_id: employee.id, max_jobs_per_day: 3 });
    await run(admin, 'set_employee_schedule', { employee_id: employee.id, schedule: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    const absence = await run(admin, 'add_time_off', { employee_id: employee.id, from: '2039-11-07', to: '2039-11-08' });
    await run(admin, 'remove_time_off', { employee_id: employee.id, time_off_id: absence.id });

    expect([...checked].sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });
});

describe("a customer never reaches another customer's records", () => {
  it('refuses every booking, task and ticket tool that names records of another customer', async () => {
    const call = async (actor: Principal, name: string, input: unknown) => executeTool(findTool(name)!, ctxFor(actor), input, 'chat');
    const booked = await call(customerA, 'create_booking', {
      service: 'leak-repair',
      start: '2030-04-02T13:00',
      customer_name: 'Ann Customer',
      phone: '+1 312 555 0100',
      address: '1 Lake St, Chicago, IL',
    });
    expect(booked.ok, JSON.stringify(booked)).toBe(true);
    const bookingNumber = (booked as { data: { number: string } }).data.number;
    const task = await call(customerA, 'add_task', { title: 'Buy furnace filters' });
    expect(task.ok).toBe(true);
    const taskId = (task as { data: { id: number } }).data.id;
    const ticket = await call(customerA, 'open_ticket', { subject: 'Noisy furnace', description: 'It rattles at night.' });
    expect(ticket.ok).toBe(true);
    const ticketNumber = (ticket as { data: { number: string } }).data.number;

    const attempts: [string, unknown][] = [
      ['get_booking', { booking_number: bookingNumber }],
      ['cancel_booking', { booking_number: bookingNumber, reason: 'not mine' }],
      ['reschedule_booking', { booking_number: bookingNumber, start: '2030-04-03T13:00' }],
      ['update_booking_details', { booking_number: bookingNumber, address: '1 Hijack Lane, Chicago' }],
      ['update_task', { task_id: taskId, title: 'hijacked' }],
      ['complete_task', { task_id: taskId }],
      ['delete_task', { task_id: taskId }],
      ['get_ticket', { ticket_number: ticketNumber }],
    ];
    for (const [name, input] of attempts) {
      const result = await call(customerB, name, input);
      expect(result.ok, `${name} as customer B`).toBe(false);
      if (!result.ok) expect(['not_found', 'forbidden'], name).toContain(result.error.code);
    }
    // Lists that could widen scope show B nothing of A's, whatever filters B passes.
    // Each list must have answered (a refusal would contain nothing of A's either, and prove nothing).
    const byEmail = await call(customerB, 'list_bookings', { customer_email: 'ann@example.com' });
    expect(byEmail.ok ? 'ok' : byEmail.error.code, 'a staff-only filter from a customer').toBe('forbidden');
    const bookings = await call(customerB, 'list_bookings', {});
    expect(bookings.ok, JSON.stringify(bookings)).toBe(true);
    expect(JSON.stringify(bookings)).not.toContain(bookingNumber);
    const tasks = await call(customerB, 'list_tasks', {});
    expect(tasks.ok, JSON.stringify(tasks)).toBe(true);
    expect(JSON.stringify(tasks)).not.toContain('Buy furnace filters');
    const tickets = await call(customerB, 'list_tickets', {});
    expect(tickets.ok, JSON.stringify(tickets)).toBe(true);
    expect(JSON.stringify(tickets)).not.toContain(ticketNumber);

    // And A's records are intact.
    const mine = await call(customerA, 'get_booking', { booking_number: bookingNumber });
    expect(mine).toMatchObject({ ok: true, data: { number: bookingNumber, status: 'confirmed' } });
    const myTasks = await call(customerA, 'list_tasks', {});
    expect(JSON.stringify(myTasks)).toContain('Buy furnace filters');
  });
});

describe('audit log', () => {
  it('records each call with principal, tool, argument digest and outcome', async () => {
    await executeTool(findTool('list_services')!, ctxFor(customerA), { category: 'HVAC' }, 'mcp');
    const row = await ctxFor(staff)
      .d1.prepare("SELECT * FROM audit_log WHERE tool = 'list_services' AND surface = 'mcp' ORDER BY id DESC LIMIT 1")
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ subject: 'cust-a', role: 'customer', outcome: 'ok' });
    expect(String(row?.args_digest)).toMatch(/^[0-9a-f]{24}$/);
  });
});
