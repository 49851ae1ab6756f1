/**
 * GET /api/v1/config: what the embeddable widget needs to know about this
 * deployment before a session exists. Public (no token), cacheable briefly.
 * `voice` stays false until the voice issue lands; the widget keeps its voice
 * button hidden until the server says otherwise.
 */
import { Hono } from 'hono';
import type { AppEnv } from './types';

export interface WidgetConfig {
  business_name: string;
  timezone: string;
  voice: boolean;
  /** True when no provider key is set and the built-in offline model answers. */
  offline_model: boolean;
}

export function configRoutes(): Hono<AppEnv> {
  const config = new Hono<AppEnv>();
  config.get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({
      business_name: c.env.BUSINESS_NAME,
      timezone: c.env.BUSINESS_TIMEZONE,
      voice: false,
      offline_model: !c.env.OPENAI_API_KEY,
    } satisfies WidgetConfig);
  });
  return config;
}
