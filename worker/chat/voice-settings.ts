/**
 * Whether this deployment takes voice calls, and with which realtime model:
 * read from vars by the Worker (GET /api/v1/config, the call route) and by the
 * session object that runs the call, so both always agree.
 */

/** What a deployment must set for voice, resolved from the environment. */
export interface VoiceSettings {
  url: string;
  model: string;
  apiKey: string;
  /** Reopen the upstream before the provider's own session limit (30 min for OpenAI) cuts it. */
  maxSessionMs: number;
}

/** The environment variables voice reads (a subset of Env, so tests can pass plain objects). */
export interface VoiceEnv {
  OPENAI_API_KEY?: string;
  OPENAI_REALTIME_URL?: string;
  OPENAI_REALTIME_MODEL?: string;
  VOICE_ENABLED?: string;
  VOICE_MAX_SESSION_MINUTES?: string;
}

/** OpenAI's realtime endpoint and GA model, used when the vars are empty. */
export const DEFAULT_REALTIME_URL = 'wss://api.openai.com/v1/realtime';
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';

import { fail, ok, type Result } from '../lib/result';

/**
 * Voice settings, or why voice is off (`unavailable`, with the reason as its message). Voice is on only when explicitly enabled and a key exists: nothing pretends.
 * @example const voice = voiceSettings(env); if (!voice.ok) return errorResponse(c, voice.error.code, voice.error.message);
 */
export function voiceSettings(env: VoiceEnv): Result<VoiceSettings, 'unavailable'> {
  if (env.VOICE_ENABLED !== 'true') return fail('unavailable', 'Voice is not enabled on this deployment (VOICE_ENABLED is not "true")');
  if (!env.OPENAI_API_KEY) return fail('unavailable', 'Voice needs a realtime model key (OPENAI_API_KEY), and none is configured');
  const minutes = Number(env.VOICE_MAX_SESSION_MINUTES);
  return ok({
    url: env.OPENAI_REALTIME_URL || DEFAULT_REALTIME_URL,
    model: env.OPENAI_REALTIME_MODEL || DEFAULT_REALTIME_MODEL,
    apiKey: env.OPENAI_API_KEY,
    maxSessionMs: (Number.isFinite(minutes) && minutes > 0 ? minutes : 28) * 60_000,
  });
}
