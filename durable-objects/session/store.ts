/**
 * A chat session's own durable state, in its Durable Object's SQLite: the
 * conversation (messages), the event log clients resume from, tool results by
 * turn and call id, an outbox of D1 writes not yet done, and a small key/value meta.
 * Every method is synchronous SQL: writes are durable before the object's
 * output gate lets any reply out, which is what "stored before acknowledged" needs.
 */
import type { ModelMessage } from '../../worker/agent/model';
import type { UserPrincipal } from '../../worker/auth/principal';
import type { ServerEvent, SessionEvent, SessionMode, SessionStatus, TranscriptMessage } from '../../worker/protocol/chat';
import type { ToolResultStore } from '../../worker/agent/tool-call';
import type { ToolResult } from '../../worker/tools/registry';

/** Tool results by the turn and call that made them (see `toolResult`). */
const TOOL_RESULTS = `
CREATE TABLE IF NOT EXISTS tool_results (
  turn_id TEXT NOT NULL,
  call_id TEXT NOT NULL,
  tool TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (turn_id, call_id)
);
`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  tool_calls TEXT,
  tool_call_id TEXT,
  turn_id TEXT,
  extra TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
${TOOL_RESULTS}
CREATE TABLE IF NOT EXISTS inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, principal TEXT NOT NULL, turn_id TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, sql TEXT NOT NULL, params TEXT NOT NULL);
`;

/** What the session keeps about itself. */
export interface ConversationInsights {
  summary: string;
  sentiment: number;
  sentiment_label: 'negative' | 'neutral' | 'positive';
  intent: string;
  category: string;
  outcome: 'booked' | 'answered' | 'escalated' | 'abandoned';
  analysed_at: number;
  /** The model that made them, or 'offline' (the deterministic analyser); absent on insights from before. */
  analysed_by?: string;
}

export interface SessionMeta {
  session_id: string;
  interaction_number: string;
  /** D1 row id of the interaction, once the row is known to exist there. */
  interaction_id?: number;
  channel: 'chat' | 'voice';
  owner_subject: string;
  /**
   * The customer principal the conversation acts as: every AI turn (text or voice) runs its tools
   * with it, whoever sent the message. Always role 'customer' with subject `owner_subject`; absent
   * on sessions opened before it was recorded (`ownerPrincipal` derives it then).
   */
  owner?: UserPrincipal;
  customer_name?: string;
  customer_email?: string;
  referrer_url?: string;
  status: SessionStatus;
  created_at: number;
  last_activity_at: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cents: number;
  /** Who answers the customer: the AI agent (default, also when absent) or a person who took over (see staff-mode.ts). */
  mode?: 'ai' | 'human';
  /** Subject of the staff member who took the conversation over, while `mode` is 'human'. */
  agent?: string;
  /**
   * Set once a text turn has run (the principal it acted as): a restarted object finishes an
   * unanswered turn only then, and always as `ownerPrincipal(meta)`, never as this value.
   */
  last_principal?: unknown;
  /** The staff member who resolved the conversation (status 'resolved'): it reopens when the customer writes again. */
  resolved_by?: string;
  /** What the conversation was about, how the customer felt and how it ended; computed when it is resolved, ended or escalated (insights.ts). */
  insights?: ConversationInsights;
  /** The customer's rating of this resolution (1–5, a comment); cleared when the conversation reopens. */
  csat?: { score: number; comment: string | null; at: number };
  outbox_attempts?: number;
  /** When the next outbox retry is due (epoch ms). */
  outbox_retry_at?: number;
}

type Row = Record<string, SqlStorageValue>;

/**
 * Who an AI turn in this conversation acts as: its owner, a customer, whoever sent the message.
 * The recorded owner when there is one (the claims of the session's own token), else derived
 * from the meta the same way (sessions opened before the owner was recorded).
 */
export function ownerPrincipal(meta: SessionMeta): UserPrincipal {
  const recorded = meta.owner;
  const name = recorded ? recorded.name : meta.customer_name;
  const email = recorded ? recorded.email : meta.customer_email;
  const sessionId = recorded ? recorded.sessionId : meta.session_id;
  return {
    kind: 'user',
    subject: meta.owner_subject,
    role: 'customer',
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(sessionId ? { sessionId } : {}),
  };
}

/** The session's mode; objects created before modes existed are 'ai'. */
export const modeOf = (meta: Pick<SessionMeta, 'mode'>): SessionMode => meta.mode ?? 'ai';

/** Whether the customer's next message reopens the conversation: staff resolved it (one the customer ended stays ended). */
export const reopensOnMessage = (meta: Pick<SessionMeta, 'status' | 'resolved_by'>): boolean => meta.status === 'resolved' && !!meta.resolved_by;

/** The `session` event for `meta`: status, plus who answers (and which staff member, while a person does). */
export function sessionEvent(meta: SessionMeta): Extract<SessionEvent, { type: 'session' }> {
  return {
    type: 'session',
    session_id: meta.session_id,
    interaction_number: meta.interaction_number,
    status: meta.status,
    mode: modeOf(meta),
    ...(meta.mode === 'human' && meta.agent ? { agent: meta.agent } : {}),
    ...(meta.status === 'resolved' ? { rated: !!meta.csat, reopens: reopensOnMessage(meta) } : {}),
  };
}

/** A message written by a person who took the conversation over; the model reads it as the assistant's. */
export interface StaffMessage {
  role: 'staff';
  content: string;
}

/** Anything the session stores as a conversation message. */
export type StoredMessage = ModelMessage | StaffMessage;

export interface MessageExtra {
  sources?: TranscriptMessage['sources'];
  offline?: boolean;
  client_id?: string;
  bookings?: unknown[];
  /** On user messages that arrived while staff had the conversation: no AI turn answers them. */
  held?: boolean;
}

export class SessionStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    // Objects created before a column existed get it added (SQLite has no ADD COLUMN IF NOT EXISTS).
    this.ensureColumn('inbox', 'client_id', 'TEXT');
    this.keyToolResultsByTurn();
  }

  /**
   * Objects created when tool results were keyed by call id alone get the (turn_id, call_id) table;
   * each old result keeps the turn of its tool message (so a cut-off turn still replays it), the
   * rest (no chat turn to tie them to) are dropped.
   */
  private keyToolResultsByTurn(): void {
    const columns = this.sql.exec<{ name: string }>('PRAGMA table_info(tool_results)').toArray();
    if (columns.some((c) => c.name === 'turn_id')) return;
    this.sql.exec(`
      ALTER TABLE tool_results RENAME TO tool_results_by_call;
      ${TOOL_RESULTS}
      INSERT OR IGNORE INTO tool_results (turn_id, call_id, tool, result, created_at)
        SELECT m.turn_id, t.call_id, t.tool, t.result, t.created_at
        FROM tool_results_by_call t JOIN messages m ON m.role = 'tool' AND m.tool_call_id = t.call_id AND m.turn_id IS NOT NULL;
      DROP TABLE tool_results_by_call;
    `);
  }

  private ensureColumn(table: string, column: string, type: string): void {
    const has = this.sql.exec<{ name: string }>(`PRAGMA table_info(${table})`).toArray().some((c) => c.name === column);
    if (!has) this.sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }

  /** Whether a message with this client id was already accepted (waiting or in the transcript). */
  hasClientId(clientId: string): boolean {
    const waiting = this.sql.exec('SELECT 1 FROM inbox WHERE client_id = ? LIMIT 1', clientId).toArray().length > 0;
    return waiting || this.sql.exec("SELECT 1 FROM messages WHERE role = 'user' AND json_extract(extra, '$.client_id') = ? LIMIT 1", clientId).toArray().length > 0;
  }

  private knownSessionId: string | undefined;

  /** The session's id (it never changes once the meta is written, so it is read once). */
  sessionId(): string | undefined {
    return (this.knownSessionId ??= this.meta()?.session_id);
  }

  /**
   * The meta as last read or written by this object. Only this store writes the row, and an object is the
   * one writer of its storage, so the copy is the row: a turn reads it a dozen times without a query or a
   * parse. It is frozen (a caller changes it by saving a new one), and dropped when a transaction fails
   * (`transaction`), as is the last appended message.
   */
  private cachedMeta: Readonly<SessionMeta> | undefined;

  meta(): SessionMeta | undefined {
    if (this.cachedMeta) return this.cachedMeta;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'session'").toArray()[0];
    if (!row) return undefined;
    return (this.cachedMeta = deepFreeze(JSON.parse(row.value) as SessionMeta));
  }

  saveMeta(meta: SessionMeta): void {
    const json = JSON.stringify(meta);
    this.cachedMeta = undefined;
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('session', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", json);
    this.cachedMeta = deepFreeze(JSON.parse(json) as SessionMeta);
  }

  /**
   * Runs `work` as one storage transaction; if it throws, everything it wrote is rolled back, the meta
   * copy with it. Every multi-write step that must land whole goes through here.
   */
  transaction<T>(storage: DurableObjectStorage, work: () => T): T {
    try {
      return storage.transactionSync(work);
    } catch (err) {
      this.cachedMeta = undefined;
      this.lastAppended = undefined;
      this.cachedHistory = undefined;
      this.outboxEmpty = undefined;
      this.outboxReadWhole = false;
      throw err;
    }
  }

  /** Appends a message of the model conversation and returns its seq. */
  appendMessage(message: StoredMessage, turnId: string | null, now: number, extra?: MessageExtra): number {
    const content = typeof message.content === 'string' ? message.content : message.content ? JSON.stringify(message.content) : '';
    const toolCalls = message.role === 'assistant' && message.tool_calls?.length ? JSON.stringify(message.tool_calls) : null;
    const toolCallId = message.role === 'tool' ? message.tool_call_id : null;
    const row = this.sql
      .exec<Row & { seq: number }>(
        'INSERT INTO messages (role, content, tool_calls, tool_call_id, turn_id, extra, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq, role, content, extra, created_at',
        message.role,
        content,
        toolCalls,
        toolCallId,
        turnId,
        extra ? JSON.stringify(extra) : null,
        now,
      )
      .one();
    this.lastAppended = row;
    this.cachedHistory?.push(deepFreeze(toModelMessage({ role: message.role, content, tool_calls: toolCalls, tool_call_id: toolCallId })));
    return row.seq;
  }

  /** The row of the message appended last, as its insert returned it: `message(seq)` right after needs no query. */
  private lastAppended: Row | undefined;

  /**
   * The conversation in the model's shape, as read once and then kept up to date by `appendMessage` (the one
   * writer of the table), so a turn does not re-read and re-parse the whole conversation. Its messages are
   * frozen and the same objects turn after turn; the array is the caller's own.
   */
  private cachedHistory: ModelMessage[] | undefined;

  /** The conversation in the model's shape (staff replies read as the assistant's). */
  modelHistory(): ModelMessage[] {
    this.cachedHistory ??= this.sql
      .exec<Row>('SELECT role, content, tool_calls, tool_call_id FROM messages ORDER BY seq')
      .toArray()
      .map((r) => deepFreeze(toModelMessage(r)));
    return [...this.cachedHistory];
  }

  /** The transcript as clients see it: user, assistant and staff text, no tool plumbing. */
  transcript(): TranscriptMessage[] {
    return this.sql
      .exec<Row>(
        "SELECT seq, role, content, extra, created_at FROM messages WHERE role IN ('user', 'assistant', 'staff') AND tool_calls IS NULL ORDER BY seq",
      )
      .toArray()
      .map((r) => toTranscript(r));
  }

  message(seq: number): TranscriptMessage {
    if (this.lastAppended && this.lastAppended.seq === seq) return toTranscript(this.lastAppended);
    return toTranscript(this.sql.exec<Row>('SELECT seq, role, content, extra, created_at FROM messages WHERE seq = ?', seq).one());
  }

  /**
   * The latest message's role, whether it was held for staff (a restart must not answer it with the AI),
   * and its turn (a restart finishes that turn under the same id, so its stored tool results replay).
   */
  lastMessage(): { role: string; held: boolean; turn_id: string | null } | undefined {
    const row = this.sql
      .exec<{ role: string; extra: string | null; turn_id: string | null }>('SELECT role, extra, turn_id FROM messages ORDER BY seq DESC LIMIT 1')
      .toArray()[0];
    if (!row) return undefined;
    return { role: row.role, held: row.extra ? (JSON.parse(row.extra) as MessageExtra).held === true : false, turn_id: row.turn_id };
  }

  /** Records an event and returns it with its id (the resume cursor). */
  appendEvent(event: SessionEvent): ServerEvent {
    const { id } = this.sql.exec<{ id: number }>('INSERT INTO events (body) VALUES (?) RETURNING id', JSON.stringify(event)).one();
    return { ...event, id };
  }

  eventsAfter(lastId: number, limit = 5000): ServerEvent[] {
    return this.sql
      .exec<{ id: number; body: string }>('SELECT id, body FROM events WHERE id > ? ORDER BY id LIMIT ?', lastId, limit)
      .toArray()
      .map((r) => ({ ...(JSON.parse(r.body) as SessionEvent), id: r.id }));
  }

  lastEventId(): number {
    return this.sql.exec<{ id: number | null }>('SELECT max(id) AS id FROM events').one().id ?? 0;
  }

  /**
   * The result `turnId` stored for its call `callId` of `tool`, if any. Results replay only within
   * the turn that made them (a restart or reconnect finishing that same turn): another turn, or a
   * call naming another tool, gets nothing and runs the tool with its own permission checks.
   * Voice calls use `voice:<call id>` as their turn.
   */
  toolResult(turnId: string, callId: string, tool: string): ToolResult | undefined {
    const row = this.sql
      .exec<{ result: string }>('SELECT result FROM tool_results WHERE turn_id = ? AND call_id = ? AND tool = ?', turnId, callId, tool)
      .toArray()[0];
    return row ? (JSON.parse(row.result) as ToolResult) : undefined;
  }

  /**
   * The tool results of turn `turnId`, as the agent loop and voice calls read and write them (`runToolCall`).
   * @example runToolCall(call, { tools, ctx, store: store.toolResultsOf(turnId, () => Date.now()), surface: 'chat' });
   */
  toolResultsOf(turnId: string, now: () => number): ToolResultStore {
    return {
      get: (callId, tool) => this.toolResult(turnId, callId, tool),
      put: (callId, tool, result) => this.saveToolResult(turnId, callId, tool, result, now()),
    };
  }

  saveToolResult(turnId: string, callId: string, tool: string, result: ToolResult, now: number): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO tool_results (turn_id, call_id, tool, result, created_at) VALUES (?, ?, ?, ?, ?)',
      turnId,
      callId,
      tool,
      JSON.stringify(result),
      now,
    );
  }

  /** Keeps an accepted user message until its turn starts, so turns never interleave. */
  enqueueInbox(text: string, principal: unknown, turnId: string, now: number, clientId?: string): number {
    return this.sql
      .exec<{ id: number }>(
        'INSERT INTO inbox (text, principal, turn_id, created_at, client_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
        text,
        JSON.stringify(principal),
        turnId,
        now,
        clientId ?? null,
      )
      .one().id;
  }

  inboxItem(id: number): { id: number; text: string; principal: unknown; turn_id: string; client_id: string | null } | undefined {
    const row = this.sql
      .exec<{ id: number; text: string; principal: string; turn_id: string; client_id: string | null }>('SELECT * FROM inbox WHERE id = ?', id)
      .toArray()[0];
    return row ? { ...row, principal: JSON.parse(row.principal) } : undefined;
  }

  inboxIds(): number[] {
    return this.sql.exec<{ id: number }>('SELECT id FROM inbox ORDER BY id').toArray().map((r) => r.id);
  }

  removeInbox(id: number): void {
    this.sql.exec('DELETE FROM inbox WHERE id = ?', id);
  }

  /**
   * Whether the outbox is empty, as this object knows without a query: true once a flush has delivered every
   * row it read with nothing queued since, false once a row is queued, undefined when unknown (a new object,
   * a failed transaction): then `hasPendingD1` asks SQLite. A flush after every turn would otherwise count
   * the table twice per turn.
   */
  private outboxEmpty: boolean | undefined;
  /** The last `pendingD1` read every row there was, and nothing was queued after it; its last id. */
  private outboxReadWhole = false;
  private outboxReadUpTo = 0;

  /** Queues a D1 statement; statements must be idempotent (they may be replayed). */
  enqueueD1(sql: string, params: SqlStorageValue[]): void {
    this.sql.exec('INSERT INTO outbox (sql, params) VALUES (?, ?)', sql, JSON.stringify(params));
    this.outboxEmpty = false;
    this.outboxReadWhole = false;
  }

  pendingD1(limit = 200): { id: number; sql: string; params: SqlStorageValue[] }[] {
    if (this.outboxEmpty) return [];
    const rows = this.sql
      .exec<{ id: number; sql: string; params: string }>('SELECT id, sql, params FROM outbox ORDER BY id LIMIT ?', limit)
      .toArray()
      .map((r) => ({ id: r.id, sql: r.sql, params: JSON.parse(r.params) as SqlStorageValue[] }));
    if (!rows.length) this.outboxEmpty = true;
    this.outboxReadWhole = rows.length < limit;
    this.outboxReadUpTo = rows.at(-1)?.id ?? 0;
    return rows;
  }

  /** Drops delivered outbox rows up to and including `lastId`. */
  ackD1(lastId: number): void {
    this.sql.exec('DELETE FROM outbox WHERE id <= ?', lastId);
    if (this.outboxReadWhole && lastId === this.outboxReadUpTo) this.outboxEmpty = true;
  }

  /** Whether any D1 statement is still queued. */
  hasPendingD1(): boolean {
    this.outboxEmpty ??= this.sql.exec('SELECT 1 FROM outbox LIMIT 1').toArray().length === 0;
    return !this.outboxEmpty;
  }
}

/** `value` and everything in it made read-only (a meta is plain JSON data). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A stored message row in the model's shape: staff replies read as the assistant's. */
function toModelMessage(r: Row): ModelMessage {
  if (r.role === 'tool') return { role: 'tool', tool_call_id: String(r.tool_call_id), content: String(r.content) };
  if (r.role === 'assistant' && r.tool_calls) {
    return { role: 'assistant', content: String(r.content) || null, tool_calls: JSON.parse(String(r.tool_calls)) };
  }
  if (r.role === 'user') return { role: 'user', content: String(r.content) };
  return { role: 'assistant', content: String(r.content) };
}

function toTranscript(r: Row): TranscriptMessage {
  const extra = r.extra ? (JSON.parse(String(r.extra)) as MessageExtra) : {};
  return {
    seq: Number(r.seq),
    role: r.role as TranscriptMessage['role'],
    content: String(r.content),
    created_at: new Date(Number(r.created_at)).toISOString(),
    ...(extra.sources?.length ? { sources: extra.sources } : {}),
    ...(extra.offline ? { offline: true } : {}),
    ...(extra.client_id ? { client_id: extra.client_id } : {}),
    ...(extra.bookings?.length ? { bookings: extra.bookings } : {}),
  };
}
