// Tasks & projects, tickets and the knowledge base, against the real local D1.
// All tests of this file share one database, so each uses its own titles,
// slugs and counter year.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedKbArticles } from '../worker/db/seed-kb';
import { createArticle, deleteArticle, getArticle, listArticles, searchKnowledgeBase, toFtsQuery, updateArticle } from '../worker/domain/knowledge';
import { createProject, listProjects, updateProject } from '../worker/domain/projects';
import { addTask, completeTask, deleteTask, listTasks, updateTask } from '../worker/domain/tasks';
import { addTicketNote, getTicket, listTickets, openTicket, updateTicket } from '../worker/domain/tickets';
import { knowledgeTools } from '../worker/tools/knowledge';
import { executeTool, inputJsonSchema } from '../worker/tools/registry';
import { taskTools } from '../worker/tools/tasks';
import { ticketTools } from '../worker/tools/tickets';
import { admin, anonymous, ctxFor, customerA, customerB, staff } from './helpers';

const NOW = Date.parse('2031-06-02T15:00:00Z');
const at = (now = NOW) => ({ now: () => now });
const code = (c: string) => expect.objectContaining({ name: 'DomainError', code: c });

describe('tasks', () => {
  it('adds, filters, updates, completes, reopens and deletes', async () => {
    const a = ctxFor(customerA, at());
    const t1 = await addTask(a, { title: '  Buy furnace filters ', priority: 'high', due_date: '2031-06-10', notes: '16x25x1' });
    const t2 = await addTask(a, { title: 'Call about the quote' });
    expect(t1).toMatchObject({ title: 'Buy furnace filters', status: 'todo', priority: 'high', due_date: '2031-06-10', owner: 'cust-a', completed_at: null });
    expect(t2.priority).toBe('normal');

    const updated = await updateTask(a, { task_id: t2.id, status: 'in_progress', due_date: '2031-06-05' });
    expect(updated).toMatchObject({ status: 'in_progress', due_date: '2031-06-05' });
    expect(await updateTask(a, { task_id: t2.id, due_date: '', notes: '' })).toMatchObject({ due_date: null, notes: null });

    const done = await completeTask(ctxFor(customerA, at(NOW + 1000)), { task_id: t1.id });
    expect(done).toMatchObject({ status: 'done', completed_at: NOW + 1000 });
    // Completing again keeps the first completion time.
    expect((await completeTask(ctxFor(customerA, at(NOW + 5000)), { task_id: t1.id })).completed_at).toBe(NOW + 1000);

    expect((await listTasks(a, { status: 'done' })).map((t) => t.id)).toEqual([t1.id]);
    expect((await listTasks(a, { status: 'in_progress' })).map((t) => t.id)).toEqual([t2.id]);
    // Open work comes before done work.
    expect((await listTasks(a)).map((t) => t.id)).toEqual([t2.id, t1.id]);

    expect(await updateTask(a, { task_id: t1.id, status: 'todo' })).toMatchObject({ status: 'todo', completed_at: null });
    expect(await deleteTask(a, { task_id: t1.id })).toEqual({ deleted: true, task_id: t1.id });
    expect((await listTasks(a)).map((t) => t.id)).toEqual([t2.id]);
    await deleteTask(a, { task_id: t2.id });
  });

  it('rejects bad input and anonymous callers', async () => {
    const a = ctxFor(customerA, at());
    await expect(addTask(a, { title: 'x', due_date: '2031-02-30' })).rejects.toEqual(code('invalid_input'));
    await expect(addTask(a, { title: '   ' })).rejects.toEqual(code('invalid_input'));
    await expect(updateTask(a, { task_id: 1 })).rejects.toEqual(code('invalid_input'));
    await expect(addTask(ctxFor(anonymous), { title: 'x' })).rejects.toEqual(code('unauthorized'));
    await expect(listTasks(ctxFor(anonymous), {})).rejects.toEqual(code('unauthorized'));
  });

  it("never shows or changes another user's task", async () => {
    const b = ctxFor(customerB, at());
    const a = ctxFor(customerA, at());
    const theirs = await addTask(b, { title: "Ben's private task", notes: 'secret' });
    for (const attempt of [
      () => updateTask(a, { task_id: theirs.id, title: 'hijacked' }),
      () => updateTask(a, { task_id: theirs.id, status: 'done' }),
      () => completeTask(a, { task_id: theirs.id }),
      () => deleteTask(a, { task_id: theirs.id }),
      // Staff are no exception for personal tasks, and seeded team tasks are other owners' too.
      () => completeTask(ctxFor(staff), { task_id: theirs.id }),
      () => updateTask(ctxFor(customerA), { task_id: 5, title: 'x' }),
    ]) {
      await expect(attempt()).rejects.toEqual(code('not_found'));
    }
    expect((await listTasks(a)).some((t) => t.id === theirs.id)).toBe(false);
    const [after] = (await listTasks(b)).filter((t) => t.id === theirs.id);
    expect(after).toMatchObject({ title: "Ben's private task", status: 'todo', notes: 'secret', completed_at: null });
    await deleteTask(b, { task_id: theirs.id });
  });

  it('keeps projects to staff: customers get forbidden, staff get the team view', async () => {
    const a = ctxFor(customerA);
    await expect(addTask(a, { title: 'x', project_id: 1 })).rejects.toEqual(code('forbidden'));
    await expect(listTasks(a, { project_id: 1 })).rejects.toEqual(code('forbidden'));
    await expect(listProjects(a, {})).rejects.toEqual(code('forbidden'));
    await expect(createProject(a, { name: 'x' })).rejects.toEqual(code('forbidden'));
    await expect(updateProject(a, { project_id: 1, stage: 'done' })).rejects.toEqual(code('forbidden'));
    await expect(addTask(ctxFor(staff), { title: 'x', project_id: 999_999 })).rejects.toEqual(code('not_found'));

    // Seed project 2 has a task of alice (staff) and one of bob: the team view shows both.
    const team = await listTasks(ctxFor(staff), { project_id: 2 });
    expect(new Set(team.map((t) => t.owner))).toEqual(new Set(['alice', 'bob']));
  });

  it('creates projects, moves stages and counts tasks per status', async () => {
    const s = ctxFor(staff, at());
    const p = await createProject(s, { name: 'Fall furnace campaign (test)', description: 'Call past furnace customers' });
    expect(p).toMatchObject({ stage: 'planning', owner: 'alice', task_counts: { todo: 0, in_progress: 0, done: 0, total: 0 } });

    const t1 = await addTask(s, { title: 'Pull the customer list', project_id: p.id });
    await addTask(ctxFor(admin), { title: 'Approve the mailer budget', project_id: p.id });
    const t3 = await addTask(s, { title: 'Write the script', project_id: p.id });
    await completeTask(s, { task_id: t1.id });
    await updateTask(s, { task_id: t3.id, status: 'in_progress' });

    const moved = await updateProject(s, { project_id: p.id, stage: 'active', name: 'Fall furnace campaign 2031' });
    expect(moved).toMatchObject({ stage: 'active', name: 'Fall furnace campaign 2031', task_counts: { todo: 1, in_progress: 1, done: 1, total: 3 } });
    const active = await listProjects(s, { stage: 'active' });
    expect(active.find((x) => x.id === p.id)?.task_counts).toEqual({ todo: 1, in_progress: 1, done: 1, total: 3 });
    expect(active.every((x) => x.stage === 'active')).toBe(true);
    expect((await listProjects(s, { stage: 'planning' })).some((x) => x.id === p.id)).toBe(false);
    // Seed project 1 has one task in each status.
    expect((await listProjects(s)).find((x) => x.id === 1)?.task_counts).toEqual({ todo: 1, in_progress: 1, done: 1, total: 3 });
    await expect(updateProject(s, { project_id: 999_999, stage: 'done' })).rejects.toEqual(code('not_found'));
  });
});

describe('tickets', () => {
  // A year nobody else uses, so the counter starts fresh in this file.
  const T = Date.parse('2041-03-10T15:00:00Z');

  it('numbers tickets TK-YYYY-NNNNN in sequence and links the customer record', async () => {
    const a = ctxFor(customerA, at(T));
    const first = await openTicket(a, { subject: 'Water heater still leaking', description: 'Dripping again after the visit.', priority: 'high' });
    // Linking by email is staff work: a customer naming someone's email is refused, and opens no ticket.
    await expect(openTicket(a, { subject: 'Invoice question', description: 'Charged twice?', customer_email: 'ben@example.com' })).rejects.toMatchObject({ code: 'forbidden' });
    const second = await openTicket(a, { subject: 'Invoice question', description: 'Charged twice?' });
    expect(first.number).toMatch(/^TK-2041-\d{5}$/);
    expect(Number(second.number.slice(-5))).toBe(Number(first.number.slice(-5)) + 1);
    expect(first).toMatchObject({ status: 'open', priority: 'high', opened_by: 'cust-a', interaction_id: null });
    // Assigned round-robin to someone of the seeded team (test/tickets-ops.test.ts checks the rotation).
    expect(['alice', 'bob', 'nina']).toContain(first.assignee);
    // A customer's tickets always link to their own record.
    expect(first.customer_id).not.toBeNull();
    expect(second.customer_id).toBe(first.customer_id);

    // Staff link by email only to a record staff made: Ann's own row holds what her token's holder typed.
    const byStaff = await openTicket(ctxFor(staff, at(T)), { subject: 'Callback for Ann', description: 'Phoned in.', customer_email: 'ANN@example.com' });
    expect(byStaff).toMatchObject({ opened_by: 'alice', customer_id: null });
    const phoneIn = await env.DB.prepare("INSERT INTO customers (subject, name, email) VALUES (NULL, 'Ann by phone', 'ann.phone@example.com') RETURNING id").first<{ id: number }>();
    const linked = await openTicket(ctxFor(staff, at(T)), { subject: 'Callback', description: 'Phoned in.', customer_email: 'Ann.Phone@example.com' });
    expect(linked.customer_id).toBe(phoneIn!.id);
    const unknown = await openTicket(ctxFor(admin, at(T)), { subject: 'Walk-in', description: 'No record.', customer_email: 'nobody@example.com' });
    expect(unknown.customer_id).toBeNull();
    await expect(openTicket(ctxFor(anonymous), { subject: 's', description: 'd' })).rejects.toEqual(code('unauthorized'));
  });

  it('shows customers only their own tickets and never the internal notes', async () => {
    const a = ctxFor(customerA, at(T));
    const b = ctxFor(customerB, at(T));
    const s = ctxFor(staff, at(T));
    const mine = await openTicket(a, { subject: 'No heat upstairs', description: 'Second floor is cold.' });
    const bens = await openTicket(b, { subject: "Ben's ticket", description: 'Private.' });

    const note = await addTicketNote(s, { ticket_number: mine.number.toLowerCase(), body: 'Customer was rude on the phone.' });
    expect(note).toMatchObject({ ticket_number: mine.number, author: 'alice', body: 'Customer was rude on the phone.' });

    const seen = await getTicket(a, { ticket_number: mine.number });
    expect(seen.subject).toBe('No heat upstairs');
    expect(seen).not.toHaveProperty('notes');
    expect(JSON.stringify(seen)).not.toContain('rude');
    const staffView = await getTicket(s, { ticket_number: mine.number });
    expect(staffView.notes?.map((n) => n.body)).toEqual(['Customer was rude on the phone.']);

    await expect(getTicket(b, { ticket_number: mine.number })).rejects.toEqual(code('not_found'));
    const bList = await listTickets(b, {});
    expect(bList.map((t) => t.number)).toContain(bens.number);
    expect(bList.every((t) => t.opened_by === 'cust-b')).toBe(true);
    const all = await listTickets(s, { limit: 100 });
    expect(all.map((t) => t.number)).toEqual(expect.arrayContaining([mine.number, bens.number]));
  });

  it('lets only staff triage and take notes', async () => {
    const a = ctxFor(customerA, at(T));
    const s = ctxFor(staff, at(T + 60_000));
    const t = await openTicket(a, { subject: 'Outlet sparks', description: 'Kitchen outlet sparked once.' });
    await expect(updateTicket(a, { ticket_number: t.number, status: 'closed' })).rejects.toEqual(code('forbidden'));
    await expect(addTicketNote(a, { ticket_number: t.number, body: 'note' })).rejects.toEqual(code('forbidden'));
    await expect(updateTicket(s, { ticket_number: t.number })).rejects.toEqual(code('invalid_input'));
    await expect(updateTicket(s, { ticket_number: 'TK-1999-00001', status: 'closed' })).rejects.toEqual(code('not_found'));

    const triaged = await updateTicket(s, { ticket_number: t.number, status: 'pending', assignee: 'nina', priority: 'urgent' });
    expect(triaged).toMatchObject({ status: 'pending', assignee: 'nina', priority: 'urgent', updated_at: T + 60_000 });
    const ninas = await listTickets(s, { assignee: 'nina' });
    expect(ninas.map((x) => x.number)).toContain(t.number);
    expect(ninas.every((x) => x.assignee === 'nina')).toBe(true);
    expect((await listTickets(a, { status: 'pending' })).map((x) => x.number)).toEqual([t.number]);
    expect((await updateTicket(s, { ticket_number: t.number, assignee: '' })).assignee).toBeNull();
  });
});

describe('knowledge base', () => {
  it('is seeded with at least 15 published articles', async () => {
    expect(seedKbArticles.length).toBeGreaterThanOrEqual(15);
    const listed = await listArticles(ctxFor(anonymous), {});
    expect(listed.length).toBeGreaterThanOrEqual(15);
    expect((await listArticles(ctxFor(anonymous), { category: 'billing' })).every((x) => x.category === 'Billing')).toBe(true);
    const hours = await getArticle(ctxFor(anonymous), { article_id: 1 });
    expect(hours.body).toContain('Saturday from 9:00 AM to 1:00 PM');
  });

  it('ranks the hours article first for a plain question and returns snippets', async () => {
    const hits = await searchKnowledgeBase(ctxFor(anonymous), { query: 'when are you open on saturday' });
    expect(hits[0]?.slug).toBe('business-hours');
    expect(hits[0]?.snippet).toContain('**');
    expect(hits[0]!.score).toBeGreaterThan(hits.at(-1)!.score - 1e-9);
    expect((await searchKnowledgeBase(ctxFor(anonymous), { query: 'How much is the diagnostic fee?' }))[0]?.slug).toBe('pricing-and-service-call-fee');
    expect((await searchKnowledgeBase(ctxFor(anonymous), { query: 'my pipes froze' }))[0]?.slug).toBe('frozen-pipes');
    expect(await searchKnowledgeBase(ctxFor(anonymous), { query: 'furnace', limit: 2 })).toHaveLength(2);
  });

  it('survives hostile queries without FTS syntax errors', async () => {
    const ctx = ctxFor(anonymous);
    for (const query of [
      `what's your "price"? (AC)`,
      'AND OR NEAR -',
      'price AND',
      '"unbalanced quote',
      'furnace*',
      '-heat +cool ^title: {body}',
      'NEAR(water heater, 5)',
      'title:hours OR body:*',
      '🔥 furnace 🔥',
      "'; DROP TABLE kb_articles; --",
    ]) {
      expect(Array.isArray(await searchKnowledgeBase(ctx, { query }))).toBe(true);
    }
    for (const query of ['🔥🔥', '"()"*-', '   ']) {
      await expect(searchKnowledgeBase(ctx, { query })).rejects.toEqual(code('invalid_input'));
    }
    expect(toFtsQuery(`what's your "price"? (AC)`)).toBe('"price" OR "ac"');
    expect(toFtsQuery('AND OR NEAR')).toBe('"and" OR "or" OR "near"*');
  });

  it('keeps search in sync with create, update, unpublish and delete', async () => {
    const s = ctxFor(staff, at());
    const anon = ctxFor(anonymous);
    const slugs = async (query: string) => (await searchKnowledgeBase(anon, { query })).map((h) => h.slug);
    await expect(createArticle(ctxFor(customerA), { title: 't', body: 'b', category: 'c' })).rejects.toEqual(code('forbidden'));

    const art = await createArticle(s, { title: 'Zorblax gift certificates', body: 'Zorblax certificates never expire.', category: 'Billing', tags: ['Gift Card'] });
    expect(art).toMatchObject({ slug: 'zorblax-gift-certificates', tags: ['gift-card'], published: true });
    expect(await slugs('zorblax')).toEqual([art.slug]);
    await expect(createArticle(s, { title: 'Other', body: 'b', category: 'c', slug: art.slug })).rejects.toEqual(code('conflict'));
    await expect(updateArticle(s, { article_id: art.id, slug: 'business-hours' })).rejects.toEqual(code('conflict'));

    await updateArticle(s, { article_id: art.id, title: 'Quuxfrob vouchers', body: 'Quuxfrob vouchers are sold at the office.' });
    expect(await slugs('zorblax')).toEqual([]);
    expect(await slugs('quuxfrob')).toEqual([art.slug]);

    await updateArticle(s, { article_id: art.id, published: false });
    expect(await slugs('quuxfrob')).toEqual([]);
    await expect(getArticle(anon, { article_id: art.id })).rejects.toEqual(code('not_found'));
    expect((await getArticle(s, { article_id: art.id })).published).toBe(false);
    expect((await listArticles(anon)).some((x) => x.id === art.id)).toBe(false);

    await updateArticle(s, { article_id: art.id, published: true });
    expect(await deleteArticle(ctxFor(admin), { article_id: art.id })).toEqual({ deleted: true, article_id: art.id });
    expect(await slugs('quuxfrob')).toEqual([]);
    await expect(getArticle(s, { article_id: art.id })).rejects.toEqual(code('not_found'));
    await expect(deleteArticle(s, { article_id: art.id })).rejects.toEqual(code('not_found'));
  });
});

describe('tools', () => {
  const all = [...taskTools, ...ticketTools, ...knowledgeTools];

  it('declares the agreed names, valid examples and described, bounded inputs', () => {
    expect(taskTools.map((t) => t.name)).toEqual([
      'add_task', 'list_tasks', 'update_task', 'complete_task', 'delete_task', 'list_projects', 'create_project', 'update_project',
    ]);
    expect(ticketTools.map((t) => t.name)).toEqual(['open_ticket', 'list_tickets', 'get_ticket', 'update_ticket', 'add_ticket_note', 'list_staff', 'set_my_availability']);
    expect(knowledgeTools.map((t) => t.name)).toEqual([
      'search_knowledge_base', 'get_kb_article', 'list_kb_articles', 'create_kb_article', 'update_kb_article', 'delete_kb_article',
    ]);
    // Collected, so one failure names every offending field.
    const problems: string[] = [];
    for (const tool of all) {
      if (!tool.input.safeParse(tool.example).success) problems.push(`${tool.name}: example does not parse`);
      // Deleting destroys, and so does an update that overwrites fields (the old values are gone): MCP's destructiveHint.
      if (tool.annotations.destructive !== /^(delete|update)_/.test(tool.name)) problems.push(`${tool.name}: destructive annotation`);
      const props = (inputJsonSchema(tool).properties ?? {}) as Record<string, { description?: string; type?: string; maxLength?: number; enum?: unknown[] }>;
      for (const [field, schema] of Object.entries(props)) {
        if (!schema.description) problems.push(`${tool.name}.${field}: no description`);
        if (schema.type === 'string' && !schema.enum && !schema.maxLength) problems.push(`${tool.name}.${field}: no maxLength ${JSON.stringify(schema)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs through the registry with string ids and role checks', async () => {
    const find = (name: string) => all.find((t) => t.name === name)!;
    const listed = await executeTool(find('list_tasks'), ctxFor(staff), { project_id: '1' }, 'rest');
    expect(listed.ok && (listed.data as unknown[]).length).toBe(3);
    const got = await executeTool(find('get_kb_article'), ctxFor(anonymous), { article_id: '1' }, 'rest');
    expect(got).toMatchObject({ ok: true, data: { slug: 'business-hours' } });
    expect(await executeTool(find('add_task'), ctxFor(anonymous), { title: 'x' }, 'mcp')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await executeTool(find('update_ticket'), ctxFor(customerA), { ticket_number: 'TK-2041-00001', status: 'closed' }, 'chat')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await executeTool(find('search_knowledge_base'), ctxFor(anonymous), { query: '((' }, 'chat')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
