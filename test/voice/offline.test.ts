// Voice on a deployment without it (the offline project: no key, VOICE_ENABLED "false"), and the
// pure pieces of the relay: frame validation and the heard-text cut used on barge-in.
import { describe, expect, it } from 'vitest';
import { appendText, parseVoiceFrame } from '../../durable-objects/voice/frames';
import { heardText } from '../../durable-objects/voice/transcript';
import { voiceSettings } from '../../worker/chat/voice-settings';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../worker/protocol/voice';
import { BASE, call, openSession } from '../http-helpers';
import { exports } from 'cloudflare:workers';

describe('voice when it is not configured', () => {
  it('config says voice:false and the call route answers 503 with the reason', async () => {
    const config = await call('/api/v1/config');
    expect(config.body.voice).toBe(false);
    const s = await openSession();
    const res = await exports.default.fetch(
      new Request(`${BASE}/api/v1/chat/voice/call?session_id=${s.session_id}`, {
        headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${s.token}` },
      }),
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/VOICE_ENABLED/);
  });

  it('needs both the switch and a key', () => {
    expect(voiceSettings({ VOICE_ENABLED: 'true' })).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/OPENAI_API_KEY/) } });
    expect(voiceSettings({ OPENAI_API_KEY: 'sk-x', VOICE_ENABLED: 'false' }).ok).toBe(false);
    expect(voiceSettings({ OPENAI_API_KEY: 'sk-x', VOICE_ENABLED: 'true' })).toMatchObject({
      ok: true,
      data: { url: 'wss://api.openai.com/v1/realtime', model: 'gpt-realtime', maxSessionMs: 28 * 60_000 },
    });
  });
});

describe('voice frames and transcripts', () => {
  it('accepts only JSON frames of known types with base64 PCM16 audio', () => {
    expect(parseVoiceFrame(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'AAAA' + 'AA==' }))).toMatchObject({ ok: true });
    expect(parseVoiceFrame(JSON.stringify({ type: 'session.end' }))).toMatchObject({ ok: true });
    expect(parseVoiceFrame(JSON.stringify({ type: 'audio.played', item_id: 'i', audio_end_ms: -1 }))).toMatchObject({ ok: false, error: { code: 'invalid_frame' } });
    expect(parseVoiceFrame(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'AAA' }))).toMatchObject({ ok: false, error: { code: 'invalid_frame' } });
    expect(parseVoiceFrame(new ArrayBuffer(4))).toMatchObject({ ok: false, error: { code: 'invalid_frame' } });
  });

  it('reads an append frame the same however it is spelled, and forwards only the checked audio', () => {
    const audio = btoa(String.fromCharCode(...Array.from({ length: 1920 }, (_, i) => (i * 7) & 255)));
    const canonical = JSON.stringify({ type: 'input_audio_buffer.append', audio });
    // Other spellings take the full parse; an extra field is dropped, never forwarded.
    const spellings = [
      canonical,
      JSON.stringify({ audio, type: 'input_audio_buffer.append' }),
      `{ "type": "input_audio_buffer.append", "audio": "${audio}" }`,
      canonical.replace(/\//g, '\\/'),
      JSON.stringify({ type: 'input_audio_buffer.append', audio, item_id: 'x' }),
    ];
    for (const text of spellings) expect(parseVoiceFrame(text), text.slice(0, 60)).toEqual({ ok: true, data: { type: 'input_audio_buffer.append', audio } });
    // What goes upstream for it is the canonical text, byte for byte.
    expect(appendText(audio)).toBe(canonical);
    // The fast path refuses what the full parse refuses.
    for (const bad of ['AAA', 'AA==', 'AAA"', 'AAAA"},"x":{"a":"']) {
      expect(parseVoiceFrame(`{"type":"input_audio_buffer.append","audio":"${bad}"}`), bad).toMatchObject({ ok: false, error: { code: 'invalid_frame' } });
    }
  });

  it('cuts a reply to the share of its audio that was heard, on a word boundary', () => {
    const text = 'one two three four five six seven eight';
    expect(heardText(text, 2000, 2000)).toBe(text);
    expect(heardText(text, 0, 2000)).toBe('');
    expect(heardText(text, 1000, 2000)).toBe('one two three four…');
    expect(heardText(text, 700, 2000)).toBe('one two three…');
  });
});
