// Findings 2 and 6 on the voice call: a staff token does not get a voice model with staff tools in a
// customer's conversation, tokens without a bounded expiry are refused, and a live call stops at its
// token's expiry with close code 4001 (token_expired), even when the caller sends nothing.
import { env } from 'cloudflare:workers';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../../worker/auth/tokens';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../../worker/protocol/voice';
import { Caller, dialRaw, fakeEvents, pcm, scriptedSession } from './helpers';

const now = () => Math.floor(Date.now() / 1000);
const protocols = (token: string) => `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${token}`;

describe('voice call tokens', () => {
  it('a staff token cannot start a voice call in a customer’s conversation (staff reply through takeover)', async () => {
    const s = await scriptedSession([]);
    const staff = await signToken(env, { sub: 'alice', role: 'staff', name: 'Alice' }, '1h');
    const res = await dialRaw(s.session_id, protocols(staff));
    if (res.status === 101) {
      res.webSocket!.accept();
      res.webSocket!.close(1000, 'done');
    }
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/takeover.*staff-message/i);
    // The upstream never heard of it: no voice model was given staff tools.
    expect(await fakeEvents(s.scenario)).toEqual([]);
  });

  it('refuses tokens without exp, with an unbounded lifetime, expired or forged', async () => {
    const s = await scriptedSession([]);
    const sign = (times: { iat?: number; exp?: number }, secret = env.JWT_SECRET) => {
      let jwt = new SignJWT({ role: 'customer', sid: s.session_id }).setProtectedHeader({ alg: 'HS256' }).setSubject(`visitor:${s.session_id}`).setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE);
      if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
      if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
      return jwt.sign(new TextEncoder().encode(secret));
    };
    const bad = {
      'no exp': await sign({ iat: now() }),
      'no iat': await sign({ exp: now() + 3600 }),
      'over 30 days': await sign({ iat: now(), exp: now() + 31 * 86_400 }),
      expired: await sign({ iat: now() - 7200, exp: now() - 10 }),
      forged: await sign({ iat: now(), exp: now() + 3600 }, 'g'.repeat(48)),
    };
    for (const [why, token] of Object.entries(bad)) expect((await dialRaw(s.session_id, protocols(token))).status, why).toBe(401);
  });

  it('ends a live call at its token’s expiry with call.ended token_expired and close 4001, even with no frame from the caller', async () => {
    const s = await scriptedSession([]);
    const token = await signToken(env, { sub: `visitor:${s.session_id}`, role: 'customer', sid: s.session_id }, now() + 2);
    const exp = decodeJwt(token).exp! * 1000;
    const res = await dialRaw(s.session_id, protocols(token));
    expect(res.status).toBe(101);
    res.webSocket!.accept();
    const caller = new Caller(res.webSocket!);
    await caller.nth('call.status', 1, (e) => e.status === 'live');
    caller.send({ type: 'input_audio_buffer.append', audio: pcm(100) });
    const ended = await caller.nth('call.ended', 1, () => true, 6000);
    expect(ended.reason).toBe('token_expired');
    expect(Date.now()).toBeGreaterThanOrEqual(exp);
    expect(await caller.closure()).toEqual({ code: 4001, reason: 'token_expired' });
    // The audio sent in time reached the model; the upstream is closed with the call.
    const appends = (await fakeEvents(s.scenario)).filter((e) => e.event.type === 'input_audio_buffer.append');
    expect(appends).toHaveLength(1);
  }, 15_000);
});
