// Voice calls end to end in workerd: the Worker's route, the session's Durable Object, the real
// tools on the real local D1, and a fake realtime server speaking the GA event protocol.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { heardText } from '../../../durable-objects/voice/transcript';
import { CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../../worker/protocol/voice';
import { call, openSession } from '../../http-helpers';
import { dial, dialRaw, eventually, fakeEvents, pcm, scriptedSession } from './helpers';

const booking = (start: string, callId?: string) => ({
  name: 'create_booking',
  arguments: JSON.stringify({ service: 'drain-cleaning', start, customer_name: 'Vera Voice', phone: '312-555-0199', address: '12 Oak Ave, Evanston, IL' }),
  ...(callId ? { call_id: callId } : {}),
});

async function bookingsOf(sessionId: string) {
  const { results } = await env.DB.prepare('SELECT b.number FROM bookings b JOIN interactions i ON i.id = b.interaction_id WHERE i.session_id = ?')
    .bind(sessionId)
    .all<{ number: string }>();
  return results;
}

describe('voice calls', () => {
  it('config says voice is available, and the route checks token, session and subprotocol', async () => {
    const config = await call('/api/v1/config');
    expect(config.body.voice).toBe(true);
    const s = await openSession();
    const other = await openSession();
    expect((await dialRaw(s.session_id, VOICE_SUBPROTOCOL)).status).toBe(401);
    expect((await dialRaw(s.session_id, `${CHAT_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${s.token}`)).status).toBe(401);
    expect((await dialRaw(undefined, `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${s.token}`)).status).toBe(400);
    expect((await dialRaw(other.session_id, `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${s.token}`)).status).toBe(403);
  });

  it('books by voice: the tool runs as the caller, both transcripts land in the interaction and D1', async () => {
    const reply = 'You are booked for Monday at ten.';
    const s = await scriptedSession([{ user: 'Book a drain cleaning Monday March 3rd 2031 at ten', calls: [booking('2031-03-03T10:00')], reply, audioMs: 200 }]);
    const caller = await dial(s);
    expect(caller.all('call.started')[0]).toMatchObject({ session_id: s.session_id, interaction_number: s.interaction_number, audio: { sample_rate: 24000 } });
    caller.send({ type: 'input_audio_buffer.append', audio: pcm(200) });
    expect(await caller.nth('transcript.user')).toMatchObject({ text: 'Book a drain cleaning Monday March 3rd 2031 at ten' });
    expect(await caller.nth('tool_started')).toMatchObject({ name: 'create_booking', label: 'Booking your appointment…' });
    const finished = await caller.nth('tool_finished');
    expect(finished).toMatchObject({ name: 'create_booking', ok: true, data: { number: expect.stringMatching(/^BK-2031-\d{6}$/) } });
    expect((await caller.nth('response.audio_transcript.done')).transcript).toBe(reply);
    expect((await caller.nth('response.audio.delta')).delta.length).toBeGreaterThan(0);
    const usage = await caller.nth('usage', 2);
    expect(usage.usage.cost_cents).toBeGreaterThan(0);
    const ended = await caller.hangUp();
    expect(ended).toMatchObject({ reason: 'hangup', usage: { input_tokens: 240, output_tokens: 100 } });

    // The model got the tool's result back as a function_call_output, then was asked to answer.
    const upstream = await fakeEvents(s.scenario);
    const update = upstream.find((e) => e.event.type === 'session.update')!.event as { session: { tools: { name: string }[]; audio: { input: { turn_detection: { type: string } } } } };
    expect(update.session.tools.map((t) => t.name)).toContain('create_booking');
    expect(update.session.audio.input.turn_detection.type).toBe('server_vad');
    expect(upstream.map((e) => e.event.type)).toEqual(expect.arrayContaining(['conversation.item.create', 'response.create']));

    const number = (finished.data as { number: string }).number;
    expect(await bookingsOf(s.session_id)).toEqual([{ number }]);
    const interaction = await eventually(() =>
      env.DB.prepare('SELECT channel, prompt_tokens, completion_tokens, cost_cents FROM interactions WHERE session_id = ?').bind(s.session_id).first<Record<string, number | string>>(),
    );
    expect(interaction).toMatchObject({ channel: 'voice', prompt_tokens: 240, completion_tokens: 100 });
    expect(interaction.cost_cents).toBeGreaterThan(0);
    const rows = await eventually(async () => {
      const { results } = await env.DB.prepare(
        'SELECT m.role, m.content, m.tool_name FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ? ORDER BY m.seq',
      )
        .bind(s.session_id)
        .all<{ role: string; content: string; tool_name: string | null }>();
      return results.some((r) => r.content === reply) && results;
    });
    expect(rows.map((r) => r.role)).toEqual(['assistant', 'user', 'assistant', 'tool', 'assistant']);
    expect(rows[1]!.content).toBe('Book a drain cleaning Monday March 3rd 2031 at ten');
    expect(rows[3]!.tool_name).toBe('create_booking');
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.map((m: { content: string }) => m.content).slice(1)).toEqual(['Book a drain cleaning Monday March 3rd 2031 at ten', reply]);
    // The spoken reply carries the booking, so the widget shows its card after a reload too.
    expect(transcript.body.messages.at(-1).bookings).toEqual([expect.objectContaining({ number })]);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE surface = 'voice' AND tool = 'create_booking' AND subject = ?")
      .bind(`visitor:${s.session_id}`)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it('runs a duplicated or replayed function call once and answers the replay from storage', async () => {
    const callId = `call_dup_${crypto.randomUUID().slice(0, 8)}`;
    const s = await scriptedSession([
      // 11:30: the 10:00 booking of the first test holds 11:00 as its 30-minute travel buffer (only Dev works Mondays).
      { user: 'Book me Monday March 3rd 2031 at half past eleven', calls: [{ ...booking('2031-03-03T11:30', callId), repeat: 2 }], reply: 'Booked.' },
      { user: 'Did that go through?', calls: [booking('2031-03-03T11:30', callId)], reply: 'Yes, it did.' },
    ]);
    const caller = await dial(s);
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('response.audio_transcript.done', 1, (e) => e.transcript === 'Booked.');
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('response.audio_transcript.done', 1, (e) => e.transcript === 'Yes, it did.');
    await caller.hangUp();

    expect(await bookingsOf(s.session_id)).toHaveLength(1);
    const outputs = (await fakeEvents(s.scenario))
      .map((e) => e.event)
      .filter((e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output' && e.item.call_id === callId);
    // Once for the duplicated event (not twice), once for the replay in the later response, same result both times.
    expect(outputs).toHaveLength(2);
    expect(JSON.stringify(outputs[0])).toBe(JSON.stringify(outputs[1]));
    const finished = caller.all('tool_finished');
    expect(finished.map((f) => f.ok)).toEqual([true, true]);
  });

  it('does not run a call whose response the caller interrupted before its arguments were complete', async () => {
    const s = await scriptedSession([{ user: 'Book me Monday March 3rd 2031 at one', calls: [booking('2031-03-03T13:00')], bargeInDuringCalls: true }]);
    const caller = await dial(s);
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('usage');
    await caller.hangUp();
    expect(caller.all('tool_started')).toEqual([]);
    expect(await bookingsOf(s.session_id)).toEqual([]);
    const sent = (await fakeEvents(s.scenario)).map((e) => e.event.type);
    expect(sent).not.toContain('response.create');
    expect(sent.filter((t) => t === 'conversation.item.create').length).toBe(1); // only the greeting as context
  });

  it('barge-in: the caller is told to stop, the model and the transcript keep only what was heard', async () => {
    const long = 'We do heating, cooling, plumbing and electrical work, seven days a week, with upfront prices and no call-out fee.';
    const s = await scriptedSession([
      { user: 'What do you do?', reply: long, audioMs: 2000 },
      { user: 'Actually, can you book me?', reply: 'Sure, for which service?' },
    ]);
    const caller = await dial(s);
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    const first = await caller.nth('response.audio_transcript.done');
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('input_audio_buffer.speech_started', 2);
    caller.send({ type: 'audio.played', item_id: first.item_id, audio_end_ms: 500 });
    await eventually(async () => (await fakeEvents(s.scenario)).some((e) => e.event.type === 'conversation.item.truncate'));
    const truncate = (await fakeEvents(s.scenario)).find((e) => e.event.type === 'conversation.item.truncate')!.event;
    expect(truncate).toEqual({ type: 'conversation.item.truncate', item_id: first.item_id, content_index: 0, audio_end_ms: 500 });
    await caller.nth('response.audio_transcript.done', 2);
    await caller.hangUp();

    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    const texts = transcript.body.messages.map((m: { content: string }) => m.content).slice(1);
    const heard = heardText(long, 500, 2000);
    expect(heard.endsWith('…')).toBe(true);
    expect(heard.length).toBeLessThan(long.length / 2);
    expect(texts).toEqual(['What do you do?', heard, 'Actually, can you book me?', 'Sure, for which service?']);
  });
});
