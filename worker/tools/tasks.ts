/**
 * Tools of the to-do assistant (tasks) and of team projects. Handlers only
 * translate inputs; ownership and role checks live in the domain functions.
 */
import { z } from 'zod';
import { PRIORITIES, PROJECT_STAGES, TASK_STATUSES } from '../db/schema';
import { createProject, listProjects, projectViewSchema, updateProject } from '../domain/projects';
import { addTask, completeTask, deleteTask, listTasks, taskDeletedSchema, taskViewSchema, updateTask } from '../domain/tasks';
import { numericId } from './ids';
import { defineTool, type AnyTool } from './registry';

const SIGNED_IN = ['customer', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;

const taskId = numericId.describe('The numeric id of the task, as returned by list_tasks or add_task.');
const projectId = numericId;
const priority = z.enum(PRIORITIES);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const addTaskTool = defineTool({
  name: 'add_task',
  title: 'Add a task',
  description:
    "Add a to-do item to the signed-in user's personal task list. Use when the user asks to remember, note or track something to do. " +
    'Returns the created task with its id.',
  staffDescription:
    "Add a to-do item to the signed-in user's personal task list. Use when the user asks to remember, note or track something to do. " +
    'Attach it to a team project with project_id. Returns the created task with its id.',
  category: 'tasks',
  access: SIGNED_IN,
  input: z.object({
    title: z.string().min(1).max(200).describe('Short imperative title, e.g. "Buy furnace filters".'),
    notes: z.string().max(2000).optional().describe('Optional longer details.'),
    priority: priority.optional().describe('low, normal (default), high or urgent.'),
    due_date: z.string().max(10).regex(isoDate).optional().describe('Optional due date as YYYY-MM-DD (business-local date).'),
    project_id: projectId.optional().describe('Staff only: id of the team project this task belongs to (see list_projects).'),
  }),
  output: taskViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { title: 'Replace the furnace filter', priority: 'normal', due_date: '2030-03-15' },
  handler: (ctx, input) => addTask(ctx, input),
});

const listTasksTool = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  description: "List the signed-in user's own tasks, open ones first (by priority and due date). Filter by status if asked.",
  staffDescription:
    "List the signed-in user's own tasks, open ones first (by priority and due date). Filter by status if asked. " +
    'Pass project_id to see every task of that team project, whoever owns it.',
  category: 'tasks',
  access: SIGNED_IN,
  input: z.object({
    status: z.enum(TASK_STATUSES).optional().describe('Only tasks in this status: todo, in_progress or done.'),
    project_id: projectId.optional().describe("Staff only: list all tasks of this project (the team's view)."),
  }),
  output: z.array(taskViewSchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { status: 'todo' },
  handler: (ctx, input) => listTasks(ctx, input),
});

const updateTaskTool = defineTool({
  name: 'update_task',
  title: 'Edit a task',
  description:
    "Change one of the user's own tasks: title, notes, priority, due date or status. Pass only the fields to change. " +
    'Use complete_task to simply mark a task done.',
  category: 'tasks',
  access: SIGNED_IN,
  input: z.object({
    task_id: taskId,
    title: z.string().min(1).max(200).optional().describe('New title.'),
    notes: z.string().max(2000).optional().describe('New notes; an empty string clears them.'),
    priority: priority.optional().describe('New priority: low, normal, high or urgent.'),
    due_date: z
      .string()
      .max(10)
      .regex(/^(\d{4}-\d{2}-\d{2})?$/)
      .optional()
      .describe('New due date as YYYY-MM-DD; an empty string removes the due date.'),
    status: z.enum(TASK_STATUSES).optional().describe('New status: todo, in_progress or done.'),
  }),
  output: taskViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { task_id: 1, status: 'in_progress' },
  handler: (ctx, input) => updateTask(ctx, input),
});

const completeTaskTool = defineTool({
  name: 'complete_task',
  title: 'Complete a task',
  description: "Mark one of the user's own tasks as done. Safe to repeat. Returns the updated task.",
  category: 'tasks',
  access: SIGNED_IN,
  input: z.object({ task_id: taskId }),
  output: taskViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: true },
  example: { task_id: 1 },
  handler: (ctx, input) => completeTask(ctx, input),
});

const deleteTaskTool = defineTool({
  name: 'delete_task',
  title: 'Delete a task',
  description: "Permanently delete one of the user's own tasks. Confirm with the user first; prefer complete_task for finished work.",
  category: 'tasks',
  access: SIGNED_IN,
  input: z.object({ task_id: taskId }),
  output: taskDeletedSchema,
  annotations: { readOnly: false, destructive: true, idempotent: false },
  example: { task_id: 1 },
  handler: (ctx, input) => deleteTask(ctx, input),
});

const stage = z.enum(PROJECT_STAGES);

const listProjectsTool = defineTool({
  name: 'list_projects',
  title: 'List projects',
  description:
    'Staff: list team projects with how many tasks are todo, in_progress and done in each. ' +
    'Use list_tasks with project_id to see the tasks themselves.',
  category: 'tasks',
  access: STAFF,
  input: z.object({
    stage: stage.optional().describe('Only projects in this stage: planning, active, on_hold or done.'),
  }),
  output: z.array(projectViewSchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { stage: 'active' },
  handler: (ctx, input) => listProjects(ctx, input),
});

const createProjectTool = defineTool({
  name: 'create_project',
  title: 'Create a project',
  description: 'Staff: create a team project to group related tasks. Starts in the planning stage unless told otherwise.',
  category: 'tasks',
  access: STAFF,
  input: z.object({
    name: z.string().min(1).max(120).describe('Project name, e.g. "Fall furnace campaign".'),
    description: z.string().max(2000).optional().describe('What the project is for.'),
    stage: stage.optional().describe('Initial stage: planning (default), active, on_hold or done.'),
  }),
  output: projectViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { name: 'Fall furnace campaign', description: 'Call past furnace customers in September.', stage: 'planning' },
  handler: (ctx, input) => createProject(ctx, input),
});

const updateProjectTool = defineTool({
  name: 'update_project',
  title: 'Edit a project',
  description: "Staff: rename a project, change its description, or move it to another stage. Pass only the fields to change.",
  category: 'tasks',
  access: STAFF,
  input: z.object({
    project_id: projectId.describe('The numeric id of the project (see list_projects).'),
    name: z.string().min(1).max(120).optional().describe('New name.'),
    description: z.string().max(2000).optional().describe('New description; an empty string clears it.'),
    stage: stage.optional().describe('New stage: planning, active, on_hold or done.'),
  }),
  output: projectViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { project_id: 1, stage: 'active' },
  handler: (ctx, input) => updateProject(ctx, input),
});

/** Task and project tools, in the order surfaces offer them. */
export const taskTools: AnyTool[] = [
  addTaskTool,
  listTasksTool,
  updateTaskTool,
  completeTaskTool,
  deleteTaskTool,
  listProjectsTool,
  createProjectTool,
  updateProjectTool,
];
