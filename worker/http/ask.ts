/**
 * POST /api/v1/analytics/ask {question}: a staff member's plain-language question about the business,
 * answered from the read-only figures tools with the figures used (worker/agent/ask/answer.ts).
 * Staff and admins only (the domain refuses everyone else); the question goes in the body, never a URL.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { askTheData } from '../agent/ask/answer';
import { createContext } from '../domain/context';
import { jsonBody } from './chat';
import type { AppEnv } from './types';

export function askRoutes(): Hono<AppEnv> {
  const ask = new Hono<AppEnv>();
  ask.post('/', async (c) => {
    const ctx = createContext(c.env, c.get('principal'));
    // Validated by askTheData after the role check, so a customer learns nothing from a 400.
    const body = await jsonBody(c, z.unknown());
    return c.json(await askTheData(ctx, c.env, body));
  });
  return ask;
}
