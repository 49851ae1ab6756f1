/**
 * Chat's abuse budgets, read from vars so a local setup can loosen them
 * (documented in README "Configuration"; `.dev.vars.example` sets the local ones).
 */

/** Messages one session may send per minute when `CHAT_SESSION_MESSAGES_PER_MINUTE` is unset or not a positive whole number. */
export const DEFAULT_SESSION_MESSAGES_PER_MINUTE = 20;

/** How many messages one session may send per minute; more is a 429 with Retry-After. */
export function sessionMessagesPerMinute(env: Pick<Env, 'CHAT_SESSION_MESSAGES_PER_MINUTE'>): number {
  const n = Number(env.CHAT_SESSION_MESSAGES_PER_MINUTE);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SESSION_MESSAGES_PER_MINUTE;
}

/**
 * Whether the per-address budget (the `CHAT_IP_LIMITER` binding, 60 a minute) applies. Only the
 * exact value "off" turns it off: locally every caller is one address, so one script locks out all.
 */
export function ipLimitEnabled(env: Pick<Env, 'CHAT_IP_LIMIT'>): boolean {
  return env.CHAT_IP_LIMIT !== 'off';
}
