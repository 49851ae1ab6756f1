// One story about a booking's status (#13): a booking is confirmed when it is made, and every surface says so —
// the REST answer and the stored row, the chat's confirmation and status reply (offline model), the reply's card
// data, the how-to-book article, the system prompt, the widget card's label and the manage page. Nothing says pending.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { systemPrompt } from '../worker/agent/prompt';
import { signToken } from '../worker/auth/tokens';
import { BOOKING_STATUSES } from '../worker/db/schema';
import { stringsFor } from '../widget/src/strings';
import { call, openSession, say } from './http-helpers';
// The manage page is a static asset; its source is read as text (test/raw.d.ts).
import managePage from '../public/manage.js?raw';

describe('the booking lifecycle', () => {
  it('is confirmed → completed | cancelled, with no pending step', () => {
    expect(BOOKING_STATUSES).toEqual(['confirmed', 'completed', 'cancelled']);
  });

  it('is told the same by REST, the chat, the card data, the article, the prompt, the widget and the manage page', async () => {
    // REST: the answer and the row.
    const token = await signToken(env, { sub: 'status-rest', role: 'customer' }, '1h');
    const made = await call('/api/v1/bookings', {
      method: 'POST',
      token,
      body: JSON.stringify({ service: 'drain-cleaning', start: '2030-04-17T10:00', customer_name: 'Sam Status', phone: '312-555-0931', address: '3 Birch St, Evanston, IL' }),
    });
    expect(made.res.status).toBe(201);
    expect(made.body.status).toBe('confirmed');
    expect((await env.DB.prepare('SELECT status FROM bookings WHERE number = ?').bind(made.body.number).first())?.status).toBe('confirmed');

    // Chat (offline model): the confirmation, the card data on the reply, and the status when asked later.
    const s = await openSession();
    for (const m of ['I need a drain cleaning', 'April 16, 2030', '10am', 'Sam Status', '312-555-0932']) await say(s, m);
    const booked = await say(s, '3 Birch St, Evanston, IL');
    expect(booked.response).toMatch(/^You're booked! Your booking number is BK-2030-\d{6}/);
    expect(booked.response).not.toMatch(/pending|awaiting|to be confirmed/i);
    const number = /BK-2030-\d{6}/.exec(booked.response)![0];
    const transcript = await call(`/api/v1/chat/session/${s.session_id}`, { token: s.token });
    expect(transcript.body.messages.at(-1).bookings).toEqual([expect.objectContaining({ number, status: 'confirmed' })]);
    const asked = await say(s, `What's the status of ${number}?`);
    expect(asked.response).toContain(`Booking ${number}:`);
    expect(asked.response).toMatch(/Status: confirmed\./);

    // The how-to-book article, as the API serves it, and the system prompt.
    const articles = await call('/api/v1/kb/search?query=book%20appointment%20confirmed');
    const howTo = articles.body.find((a: { slug?: string; title: string }) => a.title === 'How to book an appointment');
    expect(howTo).toBeTruthy();
    const article = await call(`/api/v1/kb/articles/${howTo.id}`);
    expect(article.body.body).toContain('Bookings are confirmed at once');
    expect(article.body.body).not.toMatch(/pending/i);
    const prompt = systemPrompt({ businessName: 'Brightside', timeZone: 'America/Chicago', now: Date.parse('2030-04-10T15:00:00Z') });
    expect(prompt).toContain('A booking is confirmed as soon as create_booking succeeds');

    // The widget card's label in both languages, and the manage page's words for each status.
    expect(stringsFor('en').bookingConfirmed).toBe('Booking confirmed');
    expect(stringsFor('es').bookingConfirmed).toBe('Cita confirmada');
    expect(managePage).toContain("b.status === 'cancelled' ? 'Cancelled' : b.status === 'completed' ? 'Completed' : 'Confirmed'");
    expect(managePage).not.toMatch(/pending/i);
  });
});
