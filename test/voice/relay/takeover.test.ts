// A staff takeover during a voice call: the voice model would keep answering, so the call ends
// with a clear reason and no new call starts until the conversation is handed back.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../../worker/auth/tokens';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../../worker/protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../../worker/protocol/voice';
import { call } from '../../http-helpers';
import { dial, dialRaw, scriptedSession } from './helpers';

describe('voice and staff takeover', () => {
  it('ends a live call when staff take over, refuses new calls meanwhile, and allows them after hand-back', async () => {
    const s = await scriptedSession([{ user: 'Can I talk to someone?', reply: 'One moment please.' }]);
    const caller = await dial(s);
    const staff = await signToken(env, { sub: 'alice', role: 'staff', name: 'Alice' });
    const taken = await call(`/api/v1/chat/session/${s.session_id}/takeover`, { method: 'POST', token: staff, body: '{}' });
    expect(taken.res.status).toBe(200);
    const ended = await caller.nth('call.ended');
    expect(ended.reason).toBe('staff_takeover');

    const protocols = `${VOICE_SUBPROTOCOL}, ${TOKEN_SUBPROTOCOL_PREFIX}${s.token}`;
    const refused = await dialRaw(s.session_id, protocols);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/team member/);

    const back = await call(`/api/v1/chat/session/${s.session_id}/handback`, { method: 'POST', token: staff, body: '{}' });
    expect(back.res.status).toBe(200);
    const again = await dial(s);
    await again.hangUp();
  });
});
