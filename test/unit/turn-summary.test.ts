/**
 * TurnSummaryBuilder (worker/protocol/session.ts): how a turn's events become the plain JSON answer, in the
 * session (sendAndCollect) and over a stream (collectTurn) alike.
 */
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../worker/protocol/chat';
import { TurnSummaryBuilder } from '../../worker/protocol/session';

const at = '2030-03-04T10:00:00.000Z';
const usage = { prompt_tokens: 120, completion_tokens: 30 };

function summed(events: ServerEvent[]) {
  const b = new TurnSummaryBuilder();
  const ended = events.map((e) => b.add(e));
  return { ended, result: b.result() };
}

describe('a turn summed up', () => {
  it('takes the stored reply, the booking cards and the usage from a finished turn', () => {
    const card = { booking_number: 'BK-2030-00007', service: 'Drain Cleaning' };
    const { ended, result } = summed([
      { id: 1, type: 'turn_started', turn_id: 't' },
      { id: 2, type: 'tool_started', turn_id: 't', call_id: 'c1', name: 'create_booking', label: 'Booking' },
      { id: 3, type: 'tool_finished', turn_id: 't', call_id: 'c1', name: 'create_booking', ok: true, data: card },
      { id: 4, type: 'text_delta', turn_id: 't', delta: 'Booked: ' },
      {
        id: 5,
        type: 'turn_done',
        turn_id: 't',
        message: { seq: 9, role: 'assistant', content: 'Booked: BK-2030-00007.', created_at: at, sources: [{ id: 3, title: 'Pricing' }] },
        function_calls: [{ call_id: 'c1', name: 'create_booking', ok: true }],
        usage,
        offline: true,
      },
    ]);
    expect(ended).toEqual([false, false, false, false, true]);
    expect(result).toEqual({
      ok: true,
      data: {
        response: 'Booked: BK-2030-00007.',
        function_calls: [{ call_id: 'c1', name: 'create_booking', ok: true }],
        tokens_used: { ...usage, total_tokens: 150 },
        sources: [{ id: 3, title: 'Pricing' }],
        offline: true,
        requires_escalation: false,
        bookings: [card],
        handled_by: 'ai',
      },
    });
  });

  it('flags a handoff, and answers a message held for staff with an empty staff-handled reply', () => {
    const handoff = summed([
      {
        id: 1,
        type: 'turn_done',
        turn_id: 't',
        message: { seq: 2, role: 'assistant', content: 'A person will join.', created_at: at },
        function_calls: [{ call_id: 'h', name: 'request_human', ok: true }],
        usage,
        offline: false,
      },
    ]).result;
    expect(handoff.ok && handoff.data.requires_escalation).toBe(true);
    const held = summed([{ id: 1, type: 'waiting_for_staff', turn_id: 't' }]).result;
    expect(held.ok && held.data).toMatchObject({ response: '', handled_by: 'staff', requires_escalation: true });
  });

  it('is unavailable when the turn failed or its events stopped before it ended', () => {
    expect(summed([{ type: 'error', code: 'internal', message: 'Something went wrong; your message is saved.', id: 3 } as ServerEvent]).result).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Something went wrong; your message is saved.' },
    });
    expect(summed([{ id: 1, type: 'text_delta', turn_id: 't', delta: 'We open at' }]).result).toMatchObject({ ok: false, error: { message: 'The reply was cut off' } });
    expect(summed([]).result).toMatchObject({ ok: false, error: { message: 'The session ended the turn without a reply' } });
  });

  it('ignores whatever comes after the end', () => {
    const b = new TurnSummaryBuilder();
    b.add({ id: 1, type: 'waiting_for_staff', turn_id: 't' });
    expect(b.add({ id: 2, type: 'error', code: 'internal', message: 'late' } as ServerEvent)).toBe(true);
    expect(b.result().ok).toBe(true);
  });
});
