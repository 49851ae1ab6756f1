/**
 * The one transcript reducer of the widget and the console: a pure function
 * (state, event) → state over the session's wire events (worker/protocol/chat.ts).
 * Both clients keep their conversation in it and paint what it says; neither
 * decides on its own whether an event is new, where a message goes or what a
 * streaming reply reads so far.
 *
 * Rules (each has a table case in test/unit/transcript-reducer.test.ts):
 * - Events carry the session's event sequence (`id`). One at or below the cursor was already
 *   applied (a resumed socket replays from its cursor; the SSE and socket paths may both carry a
 *   turn): the same state object comes back, so `next === prev` means "nothing to paint".
 * - The greeting (`session`) and `error` are not part of the sequence: their ids are the server's
 *   cursor, so they never move ours.
 * - Messages are unique by `seq` and kept in `seq` order, whatever order they arrive in.
 * - A turn streams (`turn_started`, `text_delta`, tool cards) until `turn_done` turns it into its
 *   message; an `error` ends every turn in flight.
 * - `history` replaces everything (the transcript fetched over HTTP after a load or a resync) and
 *   sets the cursor to the transcript's `last_event_id`; turns still streaming are dropped with it.
 * - A resolved conversation is over only when it ended for good (`reopens` false or absent): one staff
 *   resolved stays open for writing (`isEnded` is false) and is open again with the next session event
 *   that says so. `rated` and `reopens` belong to one resolution: any other status clears them.
 *
 * No DOM, no I/O: it is imported by the test project as well as by both bundles.
 */
import type { ServerEvent, SessionMode, SessionStatus, TranscriptMessage } from '../../../worker/protocol/chat';

/** One tool call of a streaming turn, as a card shows it. */
export interface ToolCard {
  call_id: string;
  name: string;
  /** The server's label ("Checking availability…"); clients may translate by `name`. */
  label: string;
  state: 'running' | 'ok' | 'failed';
  error?: string;
  /** The tool's result, when the server sends it (booking tools: the confirmation card's data). */
  data?: unknown;
}

/** A reply being written: its text so far and its tool calls, in the order they started. */
export interface StreamingTurn {
  turn_id: string;
  text: string;
  tools: ToolCard[];
}

export interface TranscriptState<M extends TranscriptMessage = TranscriptMessage> {
  /** The last event id applied: where a socket resumes from. */
  cursor: number;
  /** Stored messages, unique by seq, in seq order. */
  messages: readonly M[];
  /** Turns in flight, in the order they started. */
  turns: readonly StreamingTurn[];
  status?: SessionStatus;
  mode?: SessionMode;
  /** The staff member in charge while `mode` is 'human'. */
  agent?: string;
  /** Whether this resolution was rated (only meaningful while `status` is 'resolved'). */
  rated?: boolean;
  /** While `status` is 'resolved': staff resolved it and the customer's next message reopens it (else it ended for good). */
  reopens?: boolean;
  /** A customer message waits for a person (waiting_for_staff), until staff write or hand back. */
  waiting: boolean;
  /** Some reply came from the built-in offline model. */
  offline: boolean;
  /** The last error event, until the next turn starts. */
  error?: { code: string; message: string };
}

/** What the reducer takes: a wire event, or a whole transcript fetched over HTTP. */
export type TranscriptAction<M extends TranscriptMessage = TranscriptMessage> =
  | ServerEvent
  | {
      type: 'history';
      messages: readonly M[];
      last_event_id: number;
      status?: SessionStatus;
      mode?: SessionMode;
      agent?: string | null;
      rated?: boolean;
      /** The transcript's `reopens` (read only while `status` is 'resolved'). */
      reopens?: boolean;
    };

/** An empty conversation (nothing loaded yet), resuming after `cursor`. */
export function emptyTranscript<M extends TranscriptMessage = TranscriptMessage>(cursor = 0): TranscriptState<M> {
  return { cursor, messages: [], turns: [], waiting: false, offline: false };
}

/**
 * Whether the conversation is over for its customer: ended for good (resolved and not reopening). A conversation
 * staff resolved is not: the customer can write, and that reopens it.
 *
 * @example
 * isEnded({ ...emptyTranscript(), status: 'resolved', reopens: true }); // false
 */
export function isEnded(state: Pick<TranscriptState<never>, 'status' | 'reopens'>): boolean {
  return state.status === 'resolved' && state.reopens !== true;
}

/** The turn in flight with this id, if any. */
export function turnOf(state: TranscriptState<TranscriptMessage>, turnId: string): StreamingTurn | undefined {
  return state.turns.find((t) => t.turn_id === turnId);
}

function insertMessage<M extends TranscriptMessage>(messages: readonly M[], m: M): readonly M[] {
  if (messages.some((x) => x.seq === m.seq)) return messages;
  const at = messages.findIndex((x) => x.seq > m.seq);
  return at < 0 ? [...messages, m] : [...messages.slice(0, at), m, ...messages.slice(at)];
}

function updateTurn(state: TranscriptState<never>['turns'], turnId: string, change: (t: StreamingTurn) => StreamingTurn): readonly StreamingTurn[] {
  const existing = state.find((t) => t.turn_id === turnId);
  // A turn seen first through a later event (its turn_started replayed away) starts now.
  if (!existing) return [...state, change({ turn_id: turnId, text: '', tools: [] })];
  return state.map((t) => (t === existing ? change(t) : t));
}

/**
 * Applies one event or transcript to the conversation.
 *
 * @example
 * let s = emptyTranscript();
 * s = reduceTranscript(s, { type: 'history', messages: [], last_event_id: 3 });
 * s = reduceTranscript(s, { id: 4, type: 'turn_started', turn_id: 't1' });
 * s = reduceTranscript(s, { id: 5, type: 'text_delta', turn_id: 't1', delta: 'Hi' });
 * turnOf(s, 't1')?.text; // 'Hi'
 */
export function reduceTranscript<M extends TranscriptMessage>(state: TranscriptState<M>, event: TranscriptAction<M>): TranscriptState<M> {
  if (event.type === 'history') {
    const messages = [...event.messages].sort((a, b) => a.seq - b.seq).filter((m, i, all) => i === 0 || all[i - 1]!.seq !== m.seq);
    return {
      cursor: event.last_event_id,
      messages,
      turns: [],
      ...(event.status ? { status: event.status } : {}),
      ...(event.mode ? { mode: event.mode } : {}),
      ...(event.mode === 'human' && event.agent ? { agent: event.agent } : {}),
      ...(event.rated !== undefined ? { rated: event.rated } : {}),
      ...(event.status === 'resolved' && event.reopens !== undefined ? { reopens: event.reopens } : {}),
      // Whether a customer waits is not in the transcript; a held message is answered by a staff one after it.
      waiting: event.mode === 'human' && messages.at(-1)?.role === 'user',
      offline: state.offline || messages.some((m) => m.offline),
    };
  }
  if (event.type === 'session') {
    const mode = event.mode ?? state.mode;
    const agent = mode === 'human' ? (event.agent ?? state.agent) : undefined;
    const { agent: _agent, rated: _rated, reopens: _reopens, ...rest } = state;
    const resolved = event.status === 'resolved';
    const rated = resolved ? (event.rated ?? (state.status === 'resolved' ? state.rated : undefined)) : undefined;
    // An event stored before the field existed says nothing: the conversation ended, as it did then.
    const reopens = resolved ? (event.reopens ?? false) : undefined;
    return {
      ...rest,
      status: event.status,
      ...(mode ? { mode } : {}),
      ...(agent ? { agent } : {}),
      ...(rated !== undefined ? { rated } : {}),
      ...(reopens !== undefined ? { reopens } : {}),
      waiting: mode === 'human' ? state.waiting : false,
    };
  }
  if (event.type === 'error') {
    return { ...state, turns: [], error: { code: event.code, message: event.message } };
  }
  // Everything else is in the session's event sequence: at or below the cursor it was already applied.
  if (event.id <= state.cursor) return state;
  const next: TranscriptState<M> = { ...state, cursor: event.id };
  switch (event.type) {
    case 'message': {
      const m = event.message as M;
      next.messages = insertMessage(state.messages, m);
      if (m.role === 'staff') next.waiting = false;
      if (m.offline) next.offline = true;
      return next;
    }
    case 'turn_started': {
      const { error: _error, ...rest } = next;
      return { ...rest, turns: updateTurn(state.turns, event.turn_id, (t) => t) };
    }
    case 'text_delta':
      next.turns = updateTurn(state.turns, event.turn_id, (t) => ({ ...t, text: t.text + event.delta }));
      return next;
    case 'tool_started':
      next.turns = updateTurn(state.turns, event.turn_id, (t) =>
        t.tools.some((c) => c.call_id === event.call_id) ? t : { ...t, tools: [...t.tools, { call_id: event.call_id, name: event.name, label: event.label, state: 'running' }] },
      );
      return next;
    case 'tool_finished':
      next.turns = updateTurn(state.turns, event.turn_id, (t) => {
        const finished = (c: ToolCard): ToolCard => ({
          ...c,
          state: event.ok ? 'ok' : 'failed',
          ...(event.error ? { error: event.error } : {}),
          ...(event.data !== undefined ? { data: event.data } : {}),
        });
        const known = t.tools.some((c) => c.call_id === event.call_id);
        return {
          ...t,
          tools: known ? t.tools.map((c) => (c.call_id === event.call_id ? finished(c) : c)) : [...t.tools, finished({ call_id: event.call_id, name: event.name, label: event.name, state: 'running' })],
        };
      });
      return next;
    case 'turn_done':
      next.turns = state.turns.filter((t) => t.turn_id !== event.turn_id);
      next.messages = insertMessage(state.messages, event.message as M);
      if (event.offline || event.message.offline) next.offline = true;
      return next;
    case 'waiting_for_staff':
      next.waiting = true;
      return next;
  }
}
