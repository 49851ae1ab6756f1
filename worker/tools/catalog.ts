/**
 * The one list of tools every surface offers, in the order a model sees them.
 * Each area declares its tools beside its domain; this file only joins them.
 */
import { bookingCodeTools } from './booking-codes';
import { bookingTools } from './bookings';
import { businessTools } from './business';
import { supportTools } from './support';
import { knowledgeTools } from './knowledge';
import { taskTools } from './tasks';
import { ticketTools } from './tickets';
import type { AnyTool } from './registry';

export const TOOLS: readonly AnyTool[] = [...bookingTools, ...bookingCodeTools, ...knowledgeTools, ...taskTools, ...ticketTools, ...supportTools, ...businessTools];

const byName = new Map(TOOLS.map((t) => [t.name, t]));

/** The tool named `name`, or undefined. */
export const findTool = (name: string): AnyTool | undefined => byName.get(name);
