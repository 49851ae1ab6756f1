/**
 * Who delivers one-time booking codes (booking-codes.ts), chosen by the `CODE_SENDER` var.
 * The domain only ever hands a sender a destination read from the booking itself, never one a
 * caller typed.
 *
 * - `""` (the shipped default): no sender. Requesting a code is `unavailable` (503), before any
 *   booking is read, so the answer says nothing about the number.
 * - `"log"`: the development sender. It records the message in the D1 table `outbound_messages`
 *   and sends nothing; tests read the table, developers `wrangler d1 execute`. `.dev.vars` sets
 *   it for `npm run dev`; a deployment must not (the table would hold live codes).
 *
 * A deployment plugs in a real adapter by implementing `CodeSender` (e.g. an SMS API for `sms`
 * and an email API for `email`, with their keys as secrets) and naming it here. Production
 * adapters should hand the message to a queue rather than call the provider inline, so the time
 * a request takes does not tell a booking that exists from one that does not.
 */
import { env } from 'cloudflare:workers';
import type { CodeChannel } from '../db/schema';
import { log } from '../lib/log';
import { DomainError } from './errors';

export interface OutboundMessage {
  channel: CodeChannel;
  /** A phone number (sms) or an email address (email), as stored on the booking. */
  to: string;
  /** Email subject line; SMS has none. */
  subject?: string;
  text: string;
}

/**
 * Delivers one message. Implementations throw on failure; the caller logs it and answers the
 * customer as if it had gone (a failure only for existing bookings would be an oracle).
 */
export interface CodeSender {
  readonly name: string;
  send(message: OutboundMessage): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * The development sender: each message becomes a row of `outbound_messages` (rows older than a
 * day are dropped on each send). Nothing leaves the machine, and no log line carries the code.
 * @example await logCodeSender(env.DB).send({ channel: 'sms', to: '312-555-0100', text: 'Your code is 123456' });
 */
export function logCodeSender(d1: D1Database, now: () => number = Date.now): CodeSender {
  return {
    name: 'log',
    async send(message) {
      const at = now();
      await d1.batch([
        d1
          .prepare('INSERT INTO outbound_messages (channel, recipient, subject, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
          .bind(message.channel, message.to, message.subject ?? null, message.text, at),
        d1.prepare('DELETE FROM outbound_messages WHERE created_at <= ?1').bind(at - DAY_MS),
      ]);
      log.info('code_sent_to_log', { channel: message.channel });
    },
  };
}

const warned = new Set<string>();

/**
 * The sender `CODE_SENDER` names, or throws `unavailable` when none is configured.
 * @example const sender = codeSenderFor(ctx.d1, ctx.now);
 */
export function codeSenderFor(d1: D1Database, now: () => number, vars: { CODE_SENDER?: string } = env as { CODE_SENDER?: string }): CodeSender {
  const name = (vars.CODE_SENDER ?? '').trim();
  if (name === 'log') return logCodeSender(d1, now);
  if (name !== '' && !warned.has(name)) {
    warned.add(name);
    log.warn('code_sender_unknown', { var: 'CODE_SENDER', value: name });
  }
  throw new DomainError(
    'unavailable',
    'Verification codes cannot be sent here. To change a booking made in another conversation, ask for a person (request_human).',
  );
}
