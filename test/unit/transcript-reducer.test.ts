/**
 * The transcript reducer the widget and the console share (widget/src/core/transcript.ts): a pure
 * function, so table cases of event sequences and the state they must leave. The repository has no
 * plain-Node test project yet, so it runs in the offline project (it needs no bindings).
 */
import { describe, expect, it } from 'vitest';
import type { ServerEvent, TranscriptMessage } from '../../worker/protocol/chat';
import { emptyTranscript, isEnded, reduceTranscript, turnOf, type TranscriptAction, type TranscriptState } from '../../widget/src/core/transcript';

const at = '2030-03-04T10:00:00.000Z';
const msg = (seq: number, role: TranscriptMessage['role'], content: string, extra: Partial<TranscriptMessage> = {}): TranscriptMessage => ({ seq, role, content, created_at: at, ...extra });
const session = (id: number, extra: Partial<Extract<ServerEvent, { type: 'session' }>> = {}): ServerEvent => ({
  id,
  type: 'session',
  session_id: 's1',
  interaction_number: 'INT-2030-00001',
  status: 'open',
  mode: 'ai',
  ...extra,
});
const history = (messages: TranscriptMessage[], last_event_id: number, extra: Partial<Extract<TranscriptAction, { type: 'history' }>> = {}): TranscriptAction => ({
  type: 'history',
  messages,
  last_event_id,
  ...extra,
});
const turnDone = (id: number, turn_id: string, message: TranscriptMessage): ServerEvent => ({
  id,
  type: 'turn_done',
  turn_id,
  message,
  function_calls: [],
  usage: { prompt_tokens: 0, completion_tokens: 0 },
  offline: true,
});

const run = (events: TranscriptAction[], start: TranscriptState = emptyTranscript()) => events.reduce(reduceTranscript, start);
const contents = (s: TranscriptState) => s.messages.map((m) => `${m.seq}:${m.role}:${m.content}`);

const greeting = msg(1, 'assistant', 'Hi! How can I help?');
const question = msg(2, 'user', 'What are your hours?', { client_id: 'local-1' });
const answer = msg(3, 'assistant', 'We open at 8.', { sources: [{ id: 1, title: 'Hours' }] });

interface Case {
  name: string;
  events: TranscriptAction[];
  messages: string[];
  cursor: number;
  turns?: number;
  check?: (s: TranscriptState) => void;
}

const cases: Case[] = [
  {
    name: 'a whole turn: the question, the streamed reply, its message',
    events: [
      history([greeting], 1),
      session(1),
      { id: 2, type: 'message', message: question },
      { id: 3, type: 'turn_started', turn_id: 't1' },
      { id: 4, type: 'text_delta', turn_id: 't1', delta: 'We open ' },
      { id: 5, type: 'text_delta', turn_id: 't1', delta: 'at 8.' },
      turnDone(6, 't1', answer),
    ],
    messages: ['1:assistant:Hi! How can I help?', '2:user:What are your hours?', '3:assistant:We open at 8.'],
    cursor: 6,
    turns: 0,
    check: (s) => expect(s.offline).toBe(true),
  },
  {
    name: 'reconnect replays: events at or below the cursor after a resumed socket change nothing',
    events: [
      history([greeting], 1),
      { id: 2, type: 'message', message: question },
      { id: 3, type: 'turn_started', turn_id: 't1' },
      { id: 4, type: 'text_delta', turn_id: 't1', delta: 'We open ' },
      // The socket drops and resumes from 3 (an older cursor): 3 and 4 come again, then the rest.
      session(4),
      { id: 3, type: 'turn_started', turn_id: 't1' },
      { id: 4, type: 'text_delta', turn_id: 't1', delta: 'We open ' },
      { id: 5, type: 'text_delta', turn_id: 't1', delta: 'at 8.' },
    ],
    messages: ['1:assistant:Hi! How can I help?', '2:user:What are your hours?'],
    cursor: 5,
    turns: 1,
    check: (s) => expect(turnOf(s, 't1')?.text).toBe('We open at 8.'),
  },
  {
    name: 'duplicate events: the same message by event and by turn_done, and the greeting twice',
    events: [
      history([greeting, question], 2),
      session(2),
      session(2),
      { id: 3, type: 'message', message: question },
      turnDone(4, 't1', answer),
      { id: 5, type: 'message', message: answer },
      { id: 5, type: 'message', message: answer },
    ],
    messages: ['1:assistant:Hi! How can I help?', '2:user:What are your hours?', '3:assistant:We open at 8.'],
    cursor: 5,
  },
  {
    name: 'out-of-order ids: a lower id after a higher one is dropped; messages stay in seq order',
    events: [
      history([greeting], 1),
      { id: 3, type: 'message', message: answer },
      { id: 2, type: 'message', message: question },
      { id: 4, type: 'message', message: msg(5, 'user', 'Thanks') },
      { id: 5, type: 'message', message: msg(4, 'assistant', 'Anything else?') },
    ],
    messages: ['1:assistant:Hi! How can I help?', '3:assistant:We open at 8.', '4:assistant:Anything else?', '5:user:Thanks'],
    cursor: 5,
  },
  {
    name: 'a history with messages out of order and repeated is sorted and deduplicated',
    events: [history([answer, greeting, question, greeting], 9)],
    messages: ['1:assistant:Hi! How can I help?', '2:user:What are your hours?', '3:assistant:We open at 8.'],
    cursor: 9,
  },
  {
    name: 'staff messages: a takeover holds the customer (waiting) until staff answer; hand-back clears the agent',
    events: [
      history([greeting], 1),
      session(2, { status: 'escalated', mode: 'human', agent: 'alice' }),
      { id: 3, type: 'message', message: msg(2, 'user', 'Can a person help?') },
      { id: 4, type: 'waiting_for_staff', turn_id: 't2' },
    ],
    messages: ['1:assistant:Hi! How can I help?', '2:user:Can a person help?'],
    cursor: 4,
    check: (s) => {
      expect(s).toMatchObject({ mode: 'human', agent: 'alice', status: 'escalated', waiting: true });
      const answered = reduceTranscript(s, { id: 5, type: 'message', message: msg(3, 'staff', 'Hi, Alice here.') });
      expect(answered.waiting).toBe(false);
      expect(answered.messages.at(-1)?.role).toBe('staff');
      const back = reduceTranscript(answered, session(6, { status: 'escalated', mode: 'ai' }));
      expect(back.mode).toBe('ai');
      expect(back.agent).toBeUndefined();
    },
  },
  {
    name: 'tool cards: started, finished with data, a failure with its code, in start order',
    events: [
      history([greeting], 1),
      { id: 2, type: 'turn_started', turn_id: 't1' },
      { id: 3, type: 'tool_started', turn_id: 't1', call_id: 'c1', name: 'check_availability', label: 'Checking availability…' },
      { id: 4, type: 'tool_started', turn_id: 't1', call_id: 'c2', name: 'create_booking', label: 'Booking your appointment…' },
      { id: 5, type: 'tool_finished', turn_id: 't1', call_id: 'c1', name: 'check_availability', ok: false, error: 'invalid_input' },
      { id: 6, type: 'tool_finished', turn_id: 't1', call_id: 'c2', name: 'create_booking', ok: true, data: { number: 'BK-2030-000001' } },
      // Replayed after a reconnect: no second card.
      { id: 4, type: 'tool_started', turn_id: 't1', call_id: 'c2', name: 'create_booking', label: 'Booking your appointment…' },
    ],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 6,
    turns: 1,
    check: (s) =>
      expect(turnOf(s, 't1')?.tools).toEqual([
        { call_id: 'c1', name: 'check_availability', label: 'Checking availability…', state: 'failed', error: 'invalid_input' },
        { call_id: 'c2', name: 'create_booking', label: 'Booking your appointment…', state: 'ok', data: { number: 'BK-2030-000001' } },
      ]),
  },
  {
    name: 'an error ends the turns in flight; the next turn clears it',
    events: [
      history([greeting], 1),
      { id: 2, type: 'turn_started', turn_id: 't1' },
      { id: 3, type: 'text_delta', turn_id: 't1', delta: 'Half a rep' },
      { id: 3, type: 'error', code: 'model_unavailable', message: 'The assistant is unavailable' },
    ],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 3,
    turns: 0,
    check: (s) => {
      expect(s.error).toEqual({ code: 'model_unavailable', message: 'The assistant is unavailable' });
      expect(reduceTranscript(s, { id: 4, type: 'turn_started', turn_id: 't2' }).error).toBeUndefined();
    },
  },
  {
    name: 'resolution and rating: resolved unrated, then rated; reopening forgets the rating',
    events: [history([greeting], 1), session(2, { status: 'resolved', rated: false })],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 1,
    check: (s) => {
      expect(s).toMatchObject({ status: 'resolved', rated: false });
      const rated = reduceTranscript(s, session(3, { status: 'resolved', rated: true }));
      expect(rated.rated).toBe(true);
      expect(reduceTranscript(rated, session(4, { status: 'open' })).rated).toBeUndefined();
    },
  },
  {
    name: 'resolved by staff: still open for writing, and the customer writing reopens it',
    events: [history([greeting], 1), session(2, { status: 'resolved', rated: false, reopens: true })],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 1,
    check: (s) => {
      expect(s).toMatchObject({ status: 'resolved', rated: false, reopens: true });
      expect(isEnded(s)).toBe(false);
      // The server's reopening: a session event (open) before the customer's message.
      const reopened = run([session(3, { status: 'open' }), { id: 4, type: 'message', message: question }], s);
      expect(reopened.status).toBe('open');
      expect(reopened.reopens).toBeUndefined();
      expect(reopened.rated).toBeUndefined();
      expect(isEnded(reopened)).toBe(false);
      expect(contents(reopened)).toEqual(['1:assistant:Hi! How can I help?', '2:user:What are your hours?']);
    },
  },
  {
    name: 'ended by the customer: over for good, also after a staff resolution',
    events: [history([greeting], 1), session(2, { status: 'resolved', rated: false, reopens: true }), session(3, { status: 'resolved', rated: false, reopens: false })],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 1,
    check: (s) => {
      expect(s).toMatchObject({ status: 'resolved', reopens: false });
      expect(isEnded(s)).toBe(true);
    },
  },
  {
    name: 'a resolved event stored before `reopens` existed reads as ended (as it did then)',
    events: [history([greeting], 1), session(2, { status: 'resolved', rated: false })],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 1,
    check: (s) => expect(isEnded(s)).toBe(true),
  },
  {
    name: 'a transcript fetched after a reload says whether a resolved conversation reopens',
    events: [history([greeting], 1, { status: 'resolved', rated: true, reopens: true })],
    messages: ['1:assistant:Hi! How can I help?'],
    cursor: 1,
    check: (s) => {
      expect(s).toMatchObject({ status: 'resolved', rated: true, reopens: true });
      expect(isEnded(s)).toBe(false);
      expect(isEnded(run([history([greeting], 1, { status: 'resolved', rated: false, reopens: false })]))).toBe(true);
      // `reopens` only describes a resolution: an open transcript carries none.
      expect(run([history([greeting], 1, { status: 'open', reopens: false })]).reopens).toBeUndefined();
    },
  },
];

describe('transcript reducer (widget and console)', () => {
  it.each(cases)('$name', ({ events, messages, cursor, turns, check }) => {
    const s = run(events);
    expect(contents(s)).toEqual(messages);
    expect(s.cursor).toBe(cursor);
    if (turns !== undefined) expect(s.turns).toHaveLength(turns);
    check?.(s);
  });

  it('returns the same state for an event already applied (views skip painting)', () => {
    const s = run([history([greeting], 1), { id: 2, type: 'message', message: question }]);
    expect(reduceTranscript(s, { id: 2, type: 'message', message: question })).toBe(s);
    expect(reduceTranscript(s, { id: 1, type: 'turn_started', turn_id: 'old' })).toBe(s);
  });

  it('never mutates the state it is given', () => {
    const s = run([history([greeting], 1), { id: 2, type: 'turn_started', turn_id: 't1' }]);
    const frozen = JSON.stringify(s);
    run([{ id: 3, type: 'text_delta', turn_id: 't1', delta: 'x' }, turnDone(4, 't1', answer), session(5, { status: 'resolved', rated: false })], s);
    expect(JSON.stringify(s)).toBe(frozen);
  });
});
