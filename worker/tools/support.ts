/** Tools about the conversation itself: handing it to a person. */
import { z } from 'zod';
import { handoffResultSchema, requestHuman } from '../domain/handoff';
import { defineTool, type AnyTool } from './registry';

const requestHumanTool = defineTool({
  name: 'request_human',
  description:
    'Hand this conversation to a member of staff: use it when the customer asks for a person, is upset, or needs something ' +
    'you cannot do with your tools. Opens a high-priority ticket linked to the conversation and returns its number.',
  category: 'support',
  access: ['customer', 'staff', 'admin'],
  input: z.object({
    reason: z.string().min(1).max(2000).describe('Why a person is needed, in one or two sentences, in the customer’s words.'),
  }),
  output: handoffResultSchema,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  example: { reason: 'Customer wants to talk about a billing dispute.' },
  handler: (ctx, input) => requestHuman(ctx, input),
});

export const supportTools: AnyTool[] = [requestHumanTool];
