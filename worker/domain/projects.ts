/**
 * Projects: team-level groupings of tasks, visible to and editable by any staff
 * member or admin (the owner is recorded, not enforced). A project's tasks are
 * read with `listTasks(ctx, { project_id })` in ./tasks.ts.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/principal';
import { PROJECT_STAGES, projects, tasks } from '../db/schema';
import type { DomainContext } from './context';
import { epochMs } from './dates';
import { invalidInput, notFound } from './errors';

export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const projectViewSchema = z.object({
  id: z.int(),
  name: z.string(),
  description: z.string().nullable(),
  stage: z.enum(PROJECT_STAGES),
  owner: z.string().describe('Subject of the staff member who created it.'),
  task_counts: z
    .object({ todo: z.int(), in_progress: z.int(), done: z.int(), total: z.int() })
    .describe("How many of the project's tasks are in each status."),
  created_at: epochMs,
  updated_at: epochMs,
});
export type ProjectView = z.infer<typeof projectViewSchema>;

type ProjectRow = typeof projects.$inferSelect;
type Counts = ProjectView['task_counts'];

const emptyCounts = (): Counts => ({ todo: 0, in_progress: 0, done: 0, total: 0 });

const toView = (p: ProjectRow, counts: Counts = emptyCounts()): ProjectView => ({
  id: p.id,
  name: p.name,
  description: p.description,
  stage: p.stage,
  owner: p.ownerSubject,
  task_counts: counts,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

/** Task counts per status for the given projects (or all), in one GROUP BY. */
async function countTasks(ctx: DomainContext, projectId?: number): Promise<Map<number, Counts>> {
  const rows = await ctx.db
    .select({ projectId: tasks.projectId, status: tasks.status, n: sql<number>`count(*)` })
    .from(tasks)
    .where(projectId === undefined ? sql`${tasks.projectId} is not null` : eq(tasks.projectId, projectId))
    .groupBy(tasks.projectId, tasks.status);
  const out = new Map<number, Counts>();
  for (const r of rows) {
    if (r.projectId === null) continue;
    const c = out.get(r.projectId) ?? emptyCounts();
    c[r.status] += r.n;
    c.total += r.n;
    out.set(r.projectId, c);
  }
  return out;
}

function cleanName(name: string): string {
  const n = name.trim();
  if (!n) throw invalidInput('name must not be empty', { name });
  return n;
}

/**
 * Lists projects (optionally of one stage) with their task counts. Staff/admin only.
 * @example await listProjects(ctx, { stage: 'active' });
 */
export async function listProjects(ctx: DomainContext, input: { stage?: ProjectStage } = {}): Promise<ProjectView[]> {
  requireRole(ctx.actor, 'staff', 'admin');
  const [rows, counts] = await Promise.all([
    ctx.db
      .select()
      .from(projects)
      .where(input.stage ? eq(projects.stage, input.stage) : undefined)
      .orderBy(asc(projects.id)),
    countTasks(ctx),
  ]);
  return rows.map((p) => toView(p, counts.get(p.id)));
}

/**
 * Creates a project owned by the caller. Staff/admin only.
 * @example await createProject(ctx, { name: 'Fall furnace campaign', stage: 'planning' });
 */
export async function createProject(
  ctx: DomainContext,
  input: { name: string; description?: string; stage?: ProjectStage },
): Promise<ProjectView> {
  const user = requireRole(ctx.actor, 'staff', 'admin');
  const now = ctx.now();
  const row = await ctx.db
    .insert(projects)
    .values({
      name: cleanName(input.name),
      description: input.description?.trim() || null,
      stage: input.stage ?? 'planning',
      ownerSubject: user.subject,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  return toView(row);
}

/**
 * Renames, re-describes or moves a project to another stage. Staff/admin only.
 * @example await updateProject(ctx, { project_id: 1, stage: 'done' });
 */
export async function updateProject(
  ctx: DomainContext,
  input: { project_id: number; name?: string; description?: string; stage?: ProjectStage },
): Promise<ProjectView> {
  requireRole(ctx.actor, 'staff', 'admin');
  if (input.name === undefined && input.description === undefined && input.stage === undefined) {
    throw invalidInput('Nothing to update: pass at least one of name, description, stage');
  }
  const set: Partial<typeof projects.$inferInsert> = { updatedAt: ctx.now() };
  if (input.name !== undefined) set.name = cleanName(input.name);
  if (input.description !== undefined) set.description = input.description.trim() || null;
  if (input.stage !== undefined) set.stage = input.stage;
  const row = await ctx.db.update(projects).set(set).where(eq(projects.id, input.project_id)).returning().get();
  if (!row) throw notFound(`Project ${input.project_id}`);
  return toView(row, (await countTasks(ctx, row.id)).get(row.id));
}
