// Chat sessions end to end inside workerd: the Worker, the session Durable Object, the offline model, real D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, openSession, say } from './chat-helpers';

describe('a chat session with the offline model', () => {
  it('opens with a number, a scoped token and a greeting', async () => {
    const s = await openSession({ customer_name: 'Pat Doe', customer_email: 'pat@example.com', referrer_url: 'https://brightside.example/pricing' });
    expect(s.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.interaction_number).toMatch(/^INT-\d{4}-\d{5}$/);
    expect(s.greeting).toContain('Pat');
    const row = await env.DB.prepare('SELECT * FROM interactions WHERE session_id = ?').bind(s.session_id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ number: s.interaction_number, channel: 'chat', status: 'open', customer_email: 'pat@example.com', referrer_url: 'https://brightside.example/pricing' });
  });

  it('books an appointment over several turns, and the transcript, booking and interaction agree', async () => {
    const s = await openSession();
    const steps: [string, RegExp][] = [
      ["Hi, I'd like to book a drain cleaning", /What day would suit you/],
      ['March 4, 2030 please', /10:00 AM.*Which time works/s],
      ['10am', /full name/],
      ['Pat Doe', /phone number/],
      ['312-555-0100', /address/],
      ['12 Oak Ave, Evanston, IL', /booked.*BK-2030-\d{6}/s],
    ];
    let last;
    for (const [message, expected] of steps) {
      last = await say(s, message);
      expect(last.response, message).toMatch(expected);
      expect(last.offline).toBe(true);
    }
    expect(last!.function_calls).toContainEqual(expect.objectContaining({ name: 'create_booking', ok: true }));
    const number = /BK-2030-\d{6}/.exec(last!.response)![0];
    const booking = await env.DB.prepare(
      'SELECT b.*, i.session_id FROM bookings b JOIN interactions i ON i.id = b.interaction_id WHERE b.number = ?',
    )
      .bind(number)
      .first<Record<string, unknown>>();
    expect(booking).toMatchObject({ session_id: s.session_id, address: '12 Oak Ave, Evanston, IL', status: 'pending' });
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.res.status).toBe(200);
    expect(transcript.body.interaction_number).toBe(s.interaction_number);
    const texts = transcript.body.messages.map((m: { content: string }) => m.content);
    expect(texts.at(-1)).toContain(number);
    expect(texts).toContain('Pat Doe');
    const d1Messages = await env.DB.prepare('SELECT count(*) AS n FROM messages m JOIN interactions i ON i.id = m.interaction_id WHERE i.session_id = ?')
      .bind(s.session_id)
      .first<{ n: number }>();
    // greeting + 6 user + 6 replies + the tool call/result pairs of the turns
    expect(d1Messages!.n).toBeGreaterThan(13);
  });
});
