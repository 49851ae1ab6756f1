/**
 * Support-ticket tools. Customers open and follow their own tickets; staff
 * triage and keep internal notes. Visibility rules live in the domain layer.
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../db/schema';
import {
  addTicketNote,
  getTicket,
  listTickets,
  openTicket,
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
  .describe('The ticket number, like TK-2026-00042, as given when the ticket was opened or by list_tickets.');

const openTicketTool = defineTool({
  name: 'open_ticket',
  title: 'Open a ticket',
  description:
    'Open a support ticket for a problem that needs follow-up by a person: a complaint, a warranty or billing question, ' +
    'or anything you cannot resolve in this conversation. Summarize the issue in the user’s words. ' +
    'Returns the ticket number (TK-YYYY-NNNNN); tell it to the user. Open one ticket per issue: customers may open only a few ' +
    'an hour, and past that you get rate_limited with details.retry_after (seconds); do not retry, tell the user the team has it.',
  category: 'tickets',
  access: SIGNED_IN,
  input: z.object({
    subject: z.string().min(1).max(200).describe('One-line summary, e.g. "Water heater still leaking after repair".'),
    description: z.string().min(1).max(5000).describe('What happened, when, and what the customer wants, in full.'),
    priority: z.enum(PRIORITIES).optional().describe('low, normal (default), high, or urgent for safety issues or no heat/water.'),
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
  description: 'List the support tickets you opened, newest first. Filter by status if asked.',
  staffDescription: 'List all support tickets, newest first, filtered by status or assignee if asked.',
  category: 'tickets',
  access: SIGNED_IN,
  input: z.object({
    status: z.enum(TICKET_STATUSES).optional().describe('Only tickets in this status: open, pending, resolved or closed.'),
    assignee: z.string().max(100).optional().describe('Staff only: only tickets assigned to this staff member (their user id).'),
    limit: z.coerce.number().int().min(1).max(100).optional().describe('How many to return (default 20, at most 100).'),
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
  staffDescription: 'Get one support ticket by number, with its status, assignee and internal notes.',
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
    'Staff: triage a ticket: change its status, assignee or priority. Pass only the fields to change; an empty assignee unassigns.',
  category: 'tickets',
  access: STAFF,
  input: z.object({
    ticket_number: ticketNumber,
    status: z.enum(TICKET_STATUSES).optional().describe('New status: open, pending, resolved or closed.'),
    assignee: z.string().max(100).optional().describe('User id of the staff member to assign; empty string to unassign.'),
    priority: z.enum(PRIORITIES).optional().describe('New priority: low, normal, high or urgent.'),
  }),
  output: ticketViewSchema,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  example: { ticket_number: 'TK-2026-00001', status: 'pending', assignee: 'alice' },
  handler: (ctx, input) => updateTicket(ctx, input),
});

const addTicketNoteTool = defineTool({
  name: 'add_ticket_note',
  title: 'Add a ticket note',
  description: 'Staff: add an internal note to a ticket (never shown to the customer). The note is signed with your identity.',
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

/** Ticket tools, in the order surfaces offer them. */
export const ticketTools: AnyTool[] = [openTicketTool, listTicketsTool, getTicketTool, updateTicketTool, addTicketNoteTool];
