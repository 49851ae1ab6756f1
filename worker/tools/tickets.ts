/**
 * Support-ticket tools. Customers open and follow their own tickets; staff
 * triage and keep internal notes. Visibility rules live in the domain layer.
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../db/schema';
import { listStaff, setMyAvailability, staffMemberViewSchema } from '../domain/staff';
import {
  addTicketNote,
  getTicket,
  listTickets,
  openTicket,
  TICKET_BREACHES,
  TICKET_SORTS,
  ticketNoteAddedSchema,
  ticketViewSchema,
  updateTicket,
} from '../domain/tickets';
import { defineTool, type AnyTool } from './registry';

const SIGNED_IN = ['customer', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;

const ticketNumber = z
  .string()
  .min(1)
  .max(32)
  .describe('Like TK-2026-00042.');

const openTicketTool = defineTool({
  name: 'open_ticket',
  title: 'Open a ticket',
  description:
    'Open a support ticket for a problem a person must follow up: a complaint, a warranty or billing question, or anything ' +
    'you cannot resolve here. Tell the user its number. One ticket per issue; if rate_limited, do not retry: the team has it.',
  category: 'tickets',
  access: SIGNED_IN,
  input: z.object({
    subject: z.string().min(1).max(200).describe('One line, e.g. "Water heater still leaking".'),
    description: z.string().min(1).max(5000).describe('What happened and what the customer wants.'),
    priority: z.enum(PRIORITIES).optional().describe('Default normal; urgent for safety issues or no heat/water.'),
    customer_email: z
      .string()
      .max(254)
      .optional()
      .describe('Staff only: the email of the customer this ticket is about, to link their record.'),
  }),
  output: ticketViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { subject: 'Water heater still leaking', description: 'Tech visited Monday; the tank is dripping again.', priority: 'high' },
  handler: (ctx, input) => openTicket(ctx, input),
});

const listTicketsTool = defineTool({
  name: 'list_tickets',
  title: 'List tickets',
  description: 'List the support tickets you opened, newest first.',
  staffDescription: 'List all tickets, newest first, with SLA status; filter if asked.',
  category: 'tickets',
  access: SIGNED_IN,
  input: z.object({
    status: z.enum(TICKET_STATUSES).optional().describe('Only this status.'),
    priority: z.enum(PRIORITIES).optional().describe('Only this priority.'),
    assignee: z.string().max(100).optional().describe('Staff only: a staff member id.'),
    breached: z.enum(TICKET_BREACHES).optional().describe('Staff only: only tickets past this SLA target.'),
    sort: z.enum(TICKET_SORTS).optional().describe('newest (default) or due: open ones by SLA due time.'),
    limit: z.coerce.number().int().min(1).max(100).optional().describe('Default 20.'),
  }),
  output: z.array(ticketViewSchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { status: 'open', limit: 10 },
  handler: (ctx, input) => listTickets(ctx, input),
});

const getTicketTool = defineTool({
  name: 'get_ticket',
  title: 'Get a ticket',
  description: 'Get one support ticket by number, with its status and assignee.',
  staffDescription: 'Get one support ticket by number, with its SLA and internal notes.',
  category: 'tickets',
  access: SIGNED_IN,
  input: z.object({ ticket_number: ticketNumber }),
  output: ticketViewSchema,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: { ticket_number: 'TK-2026-00001' },
  handler: (ctx, input) => getTicket(ctx, input),
});

const updateTicketTool = defineTool({
  name: 'update_ticket',
  title: 'Triage a ticket',
  description:
    'Staff: triage a ticket: change its status, assignee or priority. Pass only the fields to change.',
  category: 'tickets',
  access: STAFF,
  input: z.object({
    ticket_number: ticketNumber,
    status: z.enum(TICKET_STATUSES).optional().describe('New status.'),
    assignee: z.string().max(100).optional().describe('A staff member id (list_staff); empty unassigns.'),
    priority: z.enum(PRIORITIES).optional().describe('New priority.'),
  }),
  output: ticketViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { ticket_number: 'TK-2026-00001', status: 'pending', assignee: 'alice' },
  handler: (ctx, input) => updateTicket(ctx, input),
});

const addTicketNoteTool = defineTool({
  name: 'add_ticket_note',
  title: 'Add a ticket note',
  description: 'Staff: add an internal note to a ticket (never shown to the customer), signed as you.',
  category: 'tickets',
  access: STAFF,
  input: z.object({
    ticket_number: ticketNumber,
    body: z.string().min(1).max(5000).describe('The note text.'),
  }),
  output: ticketNoteAddedSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { ticket_number: 'TK-2026-00001', body: 'Called the customer back; replacement valve ordered.' },
  handler: (ctx, input) => addTicketNote(ctx, input),
});

const listStaffTool = defineTool({
  name: 'list_staff',
  title: 'List staff',
  description: 'Staff: the support team, who takes new tickets, and open tickets each.',
  category: 'tickets',
  access: STAFF,
  input: z.object({}),
  output: z.array(staffMemberViewSchema),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  example: {},
  handler: (ctx) => listStaff(ctx),
});

const setMyAvailabilityTool = defineTool({
  name: 'set_my_availability',
  title: 'Set my availability',
  description: 'Staff: mark yourself available (new tickets come to you in turn) or not.',
  category: 'tickets',
  access: STAFF,
  input: z.object({ available: z.boolean().describe('True to take new tickets.') }),
  output: staffMemberViewSchema,
  annotations: { readOnly: false, destructive: false, idempotent: true },
  example: { available: false },
  handler: (ctx, input) => setMyAvailability(ctx, input),
});

/** Ticket tools, in the order surfaces offer them. */
export const ticketTools: AnyTool[] = [
  openTicketTool,
  listTicketsTool,
  getTicketTool,
  updateTicketTool,
  addTicketNoteTool,
  listStaffTool,
  setMyAvailabilityTool,
];
