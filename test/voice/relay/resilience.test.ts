// Voice calls when things go wrong: the upstream drops (reopened with the conversation so far),
// cannot be reopened (a clear error, a proper close), and clients send garbage (errors, call goes on).
import { describe, expect, it } from 'vitest';
import { MAX_VOICE_FRAME_BYTES } from '../../../worker/protocol/voice';
import { call } from '../../http-helpers';
import { dial, fakeEvents, pcm, scriptedSession } from './helpers';

type TextItem = { type: string; item: { type: string; role?: string; content?: { text?: string }[] } };
const textsSent = (events: { connection: number; event: unknown }[], connection: number) =>
  events
    .filter((e) => e.connection === connection && (e.event as TextItem).type === 'conversation.item.create')
    .map((e) => (e.event as TextItem).item)
    .filter((item) => item.type === 'message')
    .map((item) => `${item.role}: ${item.content?.[0]?.text}`);

describe('voice call resilience', () => {
  it('reopens a dropped upstream with the conversation so far, and the call goes on', async () => {
    const s = await scriptedSession([
      { user: 'I have a leaking pipe', reply: 'Sorry to hear that. When suits you?', drop: true },
      { user: 'Tomorrow morning', reply: 'Let me check tomorrow morning.' },
    ]);
    const caller = await dial(s);
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('response.audio_transcript.done');
    await caller.nth('call.status', 1, (e) => e.status === 'reconnecting');
    await caller.nth('call.status', 2, (e) => e.status === 'live');

    const events = await fakeEvents(s.scenario);
    expect(textsSent(events, 2)).toEqual(expect.arrayContaining(['user: I have a leaking pipe', 'assistant: Sorry to hear that. When suits you?']));
    // The greeting of the text session is context too: a chat that switches to voice keeps its history.
    expect(textsSent(events, 1)[0]).toMatch(/^assistant: Hi Vera/);

    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    await caller.nth('response.audio_transcript.done', 1, (e) => e.transcript === 'Let me check tomorrow morning.');
    await caller.hangUp();
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.map((m: { content: string }) => m.content).slice(1)).toEqual([
      'I have a leaking pipe',
      'Sorry to hear that. When suits you?',
      'Tomorrow morning',
      'Let me check tomorrow morning.',
    ]);
  });

  it('tells the caller clearly and closes the call when the upstream cannot be reopened', async () => {
    const s = await scriptedSession([{ user: 'Hello?', reply: 'Hi there!', drop: true }], { refuseAfterDrop: true });
    const caller = await dial(s);
    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    const error = await caller.nth('error', 1, (e) => e.code === 'upstream_unavailable', 15_000);
    expect(error.fatal).toBe(true);
    expect(await caller.nth('call.ended')).toMatchObject({ reason: 'upstream_failed' });
    expect((await caller.closure()).code).toBe(1011);
    // Three attempts after the first connection, each refused after session.update.
    expect((await fakeEvents(s.scenario)).filter((e) => e.event.type === 'session.update')).toHaveLength(4);
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.map((m: { content: string }) => m.content).slice(1)).toEqual(['Hello?', 'Hi there!']);
  }, 20_000);

  it('answers malformed, oversized and excess frames with error events, and the call goes on', async () => {
    const s = await scriptedSession([{ user: 'Still there?', reply: 'Yes, still here.' }]);
    const caller = await dial(s);
    caller.send('not json');
    caller.send({ type: 'input_audio_buffer.append', audio: '@@@@not-base64' });
    caller.send({ type: 'input_audio_buffer.append', audio: 'AAAA' }); // 3 bytes: not PCM16
    caller.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'A'.repeat(MAX_VOICE_FRAME_BYTES) }));
    caller.send(JSON.stringify({ type: 'conversation.item.create', item: {} }));
    caller.ws.send(new Uint8Array([1, 2, 3]));
    const errors = await caller.nth('error', 6);
    expect(caller.all('error').map((e) => e.code)).toEqual(['invalid_frame', 'invalid_frame', 'invalid_frame', 'payload_too_large', 'invalid_frame', 'invalid_frame']);
    expect(errors.fatal).toBeUndefined();

    // A flood: frames past 100 a second are dropped, with one warning, not a hang-up.
    for (let i = 0; i < 150; i++) caller.send({ type: 'audio.played', item_id: 'item_unknown', audio_end_ms: 10 });
    expect((await caller.nth('error', 1, (e) => e.code === 'rate_limited')).message).toMatch(/100 frames a second/);
    expect(caller.all('error').filter((e) => e.code === 'rate_limited')).toHaveLength(1);
    // The budget is a sliding second of real time (the object's clock): waiting it out is the condition here.
    await new Promise((r) => setTimeout(r, 1100));

    caller.send({ type: 'input_audio_buffer.append', audio: pcm() });
    expect((await caller.nth('response.audio_transcript.done')).transcript).toBe('Yes, still here.');
    expect(caller.closed).toBeUndefined();
    await caller.hangUp();
    expect((await fakeEvents(s.scenario)).filter((e) => e.event.type === 'input_audio_buffer.append')).toHaveLength(1);
  });
});
