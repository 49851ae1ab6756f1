/**
 * Figures read from D1 at scrape time: every isolate's work, exact as of the
 * read, and surviving restarts. Each is one aggregate over its table (a scan
 * of messages and audit_log: the cost of a scrape grows with them, so scrape
 * every minute or so, not every second).
 * - turns: assistant replies that end a turn (role assistant, no tool calls,
 *   not the greeting at seq 1), text and voice alike;
 * - customer and staff messages;
 * - bookings made (all rows: cancelled ones keep theirs) and bookings by status now;
 * - escalations: successful `request_human` calls (the agent's handoffs, from
 *   audit_log; a staff takeover leaves no durable trace), and conversations by status now;
 * - tool calls by tool and outcome (`ok` or the error code) and their latency,
 *   from audit_log (one row per call, on every surface: chat, voice, MCP, REST).
 */
import type { MetricFamily } from './prometheus';

/** Upper bounds (seconds) of the tool-call latency histogram. */
export const TOOL_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

export async function durableFamilies(db: D1Database): Promise<MetricFamily[]> {
  const bucketSums = TOOL_SECONDS_BUCKETS.map((le, i) => `sum(duration_ms <= ${le * 1000}) AS b${i}`).join(', ');
  const [messages, bookings, conversations, tools, latency] = await db.batch([
    db.prepare("SELECT coalesce(sum(role = 'assistant' AND tool_name IS NULL AND seq > 1), 0) AS turns, coalesce(sum(role = 'user'), 0) AS user, coalesce(sum(role = 'staff'), 0) AS staff FROM messages"),
    db.prepare('SELECT status, count(*) AS n FROM bookings GROUP BY status'),
    db.prepare('SELECT status, count(*) AS n FROM interactions GROUP BY status'),
    db.prepare('SELECT tool, outcome, count(*) AS n FROM audit_log GROUP BY tool, outcome ORDER BY tool, outcome'),
    db.prepare(`SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS ms, ${bucketSums} FROM audit_log`),
  ]);
  const m = messages!.results[0] as { turns: number; user: number; staff: number };
  const byStatus = (rows: unknown[]) => (rows as { status: string; n: number }[]).map((r) => ({ labels: { status: r.status }, value: r.n }));
  const toolRows = tools!.results as { tool: string; outcome: string; n: number }[];
  const l = latency!.results[0] as Record<string, number>;
  const handoffs = toolRows.filter((r) => r.tool === 'request_human' && r.outcome === 'ok').reduce((sum, r) => sum + r.n, 0);
  return [
    { name: 'switchboard_turns_total', help: 'Agent replies that ended a turn (text and voice), from D1 messages.', type: 'counter', samples: [{ value: m.turns }] },
    { name: 'switchboard_messages_total', help: 'Messages from customers and from staff, from D1 messages.', type: 'counter', samples: [{ labels: { role: 'user' }, value: m.user }, { labels: { role: 'staff' }, value: m.staff }] },
    { name: 'switchboard_bookings_created_total', help: 'Bookings ever made (cancelled ones included), from D1 bookings.', type: 'counter', samples: [{ value: (bookings!.results as { n: number }[]).reduce((sum, r) => sum + r.n, 0) }] },
    { name: 'switchboard_bookings', help: 'Bookings by their status now, from D1 bookings.', type: 'gauge', samples: byStatus(bookings!.results) },
    { name: 'switchboard_escalations_total', help: 'Conversations the agent handed to a person (successful request_human calls), from D1 audit_log.', type: 'counter', samples: [{ labels: { via: 'handoff' }, value: handoffs }] },
    { name: 'switchboard_conversations', help: 'Conversations by their status now, from D1 interactions.', type: 'gauge', samples: byStatus(conversations!.results) },
    { name: 'switchboard_tool_calls_total', help: 'Tool calls by tool and outcome (ok or the error code), every surface, from D1 audit_log.', type: 'counter', samples: toolRows.map((r) => ({ labels: { tool: r.tool, outcome: r.outcome }, value: r.n })) },
    {
      name: 'switchboard_tool_call_duration_seconds',
      help: 'Tool call latency (validation, permission, handler), every surface, from D1 audit_log.',
      type: 'histogram',
      samples: [{ buckets: TOOL_SECONDS_BUCKETS.map((le, i) => ({ le, count: l[`b${i}`] ?? 0 })), count: l.n ?? 0, sum: (l.ms ?? 0) / 1000 }],
    },
  ];
}
