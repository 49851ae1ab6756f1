/**
 * GET /api/v1/config: what the embeddable widget needs to know about this
 * deployment before a session exists. Public (no token), cacheable briefly.
 * `voice` is true only when voice calls can really be made (VOICE_ENABLED is
 * "true" and a realtime key is set); the widget shows its voice button only then.
 */
import { Hono } from 'hono';
import { voiceSettings } from '../chat/voice-settings';
import type { PublicConfig } from '../protocol/config';
import type { AppEnv } from './types';

export function configRoutes(): Hono<AppEnv> {
  const config = new Hono<AppEnv>();
  config.get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({
      business_name: c.env.BUSINESS_NAME,
      timezone: c.env.BUSINESS_TIMEZONE,
      voice: voiceSettings(c.env).ok,
      offline_model: !c.env.OPENAI_API_KEY,
    } satisfies PublicConfig);
  });
  return config;
}
