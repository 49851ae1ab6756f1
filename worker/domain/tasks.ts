/**
 * The to-do assistant: tasks owned by one signed-in principal. A task belongs to
 * `ctx.actor.subject` and nobody else can read or change it through these
 * functions; someone else's task id is answered exactly like an unknown one
 * (`not_found`), so ids cannot be probed. Projects are a staff-only, team-level
 * grouping: only staff may attach a task to one or list a project's tasks.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, requireUser } from '../auth/principal';
import { projects, tasks, PRIORITIES, TASK_STATUSES } from '../db/schema';
import type { DomainContext } from './context';
import { epochMs, parseLocalDate } from './dates';
import { forbidden, invalidInput, notFound } from './errors';

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** A task as surfaces return it (snake_case, like the tool inputs). */
export const taskViewSchema = z.object({
  id: z.int(),
  title: z.string(),
  notes: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(PRIORITIES),
  due_date: z.string().nullable().describe('Local date, YYYY-MM-DD.'),
  project_id: z.int().nullable(),
  owner: z.string().describe('Subject of the user the task belongs to.'),
  completed_at: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});
export type TaskView = z.infer<typeof taskViewSchema>;

/** What `deleteTask` returns. */
export const taskDeletedSchema = z.object({ deleted: z.literal(true), task_id: z.int() });
export type TaskDeleted = z.infer<typeof taskDeletedSchema>;

type TaskRow = typeof tasks.$inferSelect;

const toView = (t: TaskRow): TaskView => ({
  id: t.id,
  title: t.title,
  notes: t.notes,
  status: t.status,
  priority: t.priority,
  due_date: t.dueDate,
  project_id: t.projectId,
  owner: t.ownerSubject,
  completed_at: t.completedAt,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

function cleanTitle(title: string): string {
  const t = title.trim();
  if (!t) throw invalidInput('title must not be empty', { title });
  return t;
}

/** Open work first, then by urgency and due date (undated last), then oldest first. */
const TASK_ORDER: SQL[] = [
  sql`case ${tasks.status} when 'done' then 1 else 0 end`,
  sql`case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
  sql`${tasks.dueDate} is null`,
  asc(tasks.dueDate),
  asc(tasks.id),
];

/** The actor's own task, or not_found: one condition so other owners' rows are never touched. */
const ownTask = (taskId: number, subject: string) => and(eq(tasks.id, taskId), eq(tasks.ownerSubject, subject));

async function requireProject(ctx: DomainContext, projectId: number): Promise<void> {
  const found = await ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).get();
  if (!found) throw notFound(`Project ${projectId}`);
}

/**
 * Adds a task for the caller. Attaching it to a project is staff-only.
 * @example await addTask(ctx, { title: 'Call the landlord', due_date: '2026-11-21', priority: 'high' });
 */
export async function addTask(
  ctx: DomainContext,
  input: { title: string; notes?: string; priority?: Priority; due_date?: string; project_id?: number },
): Promise<TaskView> {
  const user = requireUser(ctx.actor);
  if (input.project_id !== undefined) {
    if (!isStaff(user)) throw forbidden('Only staff can attach tasks to projects');
    await requireProject(ctx, input.project_id);
  }
  const now = ctx.now();
  const row = await ctx.db
    .insert(tasks)
    .values({
      ownerSubject: user.subject,
      title: cleanTitle(input.title),
      notes: input.notes?.trim() || null,
      priority: input.priority ?? 'normal',
      dueDate: input.due_date === undefined ? null : parseLocalDate(input.due_date, 'due_date'),
      projectId: input.project_id ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  return toView(row);
}

/**
 * Lists the caller's own tasks, or (staff only, with `project_id`) every task
 * of that project whoever owns it: the team view of a project.
 * @example await listTasks(ctx, { status: 'todo' });
 */
export async function listTasks(ctx: DomainContext, input: { status?: TaskStatus; project_id?: number } = {}): Promise<TaskView[]> {
  const user = requireUser(ctx.actor);
  const where: SQL[] = [];
  if (input.project_id !== undefined) {
    if (!isStaff(user)) throw forbidden('Only staff can view project tasks');
    await requireProject(ctx, input.project_id);
    where.push(eq(tasks.projectId, input.project_id));
  } else {
    where.push(eq(tasks.ownerSubject, user.subject));
  }
  if (input.status) where.push(eq(tasks.status, input.status));
  const rows = await ctx.db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(...TASK_ORDER)
    .limit(500);
  return rows.map(toView);
}

const UPDATABLE = ['title', 'notes', 'priority', 'due_date', 'status'] as const;

/**
 * Changes fields of one of the caller's tasks. Moving to `done` stamps
 * `completed_at`; moving out of `done` clears it.
 * @example await updateTask(ctx, { task_id: 7, status: 'in_progress' });
 */
export async function updateTask(
  ctx: DomainContext,
  input: { task_id: number; title?: string; notes?: string; priority?: Priority; due_date?: string; status?: TaskStatus },
): Promise<TaskView> {
  const user = requireUser(ctx.actor);
  if (UPDATABLE.every((f) => input[f] === undefined)) {
    throw invalidInput(`Nothing to update: pass at least one of ${UPDATABLE.join(', ')}`);
  }
  const current = await ctx.db.select().from(tasks).where(ownTask(input.task_id, user.subject)).get();
  if (!current) throw notFound(`Task ${input.task_id}`);

  const set: Partial<typeof tasks.$inferInsert> = { updatedAt: ctx.now() };
  if (input.title !== undefined) set.title = cleanTitle(input.title);
  // An empty string is how a caller clears notes or the due date.
  if (input.notes !== undefined) set.notes = input.notes.trim() || null;
  if (input.due_date !== undefined) set.dueDate = input.due_date === '' ? null : parseLocalDate(input.due_date, 'due_date');
  if (input.priority !== undefined) set.priority = input.priority;
  if (input.status !== undefined && input.status !== current.status) {
    set.status = input.status;
    set.completedAt = input.status === 'done' ? ctx.now() : null;
  }
  const row = await ctx.db.update(tasks).set(set).where(ownTask(input.task_id, user.subject)).returning().get();
  if (!row) throw notFound(`Task ${input.task_id}`);
  return toView(row);
}

/**
 * Marks one of the caller's tasks done. Idempotent: completing a done task
 * keeps its original `completed_at`.
 * @example await completeTask(ctx, { task_id: 7 });
 */
export async function completeTask(ctx: DomainContext, input: { task_id: number }): Promise<TaskView> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const row = await ctx.db
    .update(tasks)
    .set({ status: 'done', completedAt: sql`coalesce(${tasks.completedAt}, ${now})`, updatedAt: now })
    .where(ownTask(input.task_id, user.subject))
    .returning()
    .get();
  if (!row) throw notFound(`Task ${input.task_id}`);
  return toView(row);
}

/**
 * Deletes one of the caller's tasks for good.
 * @example await deleteTask(ctx, { task_id: 7 }); // { deleted: true, task_id: 7 }
 */
export async function deleteTask(ctx: DomainContext, input: { task_id: number }): Promise<TaskDeleted> {
  const user = requireUser(ctx.actor);
  const row = await ctx.db.delete(tasks).where(ownTask(input.task_id, user.subject)).returning({ id: tasks.id }).get();
  if (!row) throw notFound(`Task ${input.task_id}`);
  return { deleted: true, task_id: row.id };
}
