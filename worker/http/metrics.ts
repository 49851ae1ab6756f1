/**
 * GET /metrics: Prometheus text format (0.0.4) for a scraper. Readable with a
 * staff or admin JWT, or with the `METRICS_TOKEN` secret, both as
 * `Authorization: Bearer …` (never in the URL); no token is 401, a customer 403.
 * Mounted outside /api so the METRICS_TOKEN (not a JWT) never meets the JWT
 * middleware. What each series means and where it comes from: ../metrics/
 * (durable.ts: D1, every isolate; isolate.ts: this isolate only).
 */
import { Hono } from 'hono';
import { isStaff } from '../auth/principal';
import { TokenError, verifyToken } from '../auth/tokens';
import { CircuitBreaker } from '../agent/resilience';
import { durableFamilies } from '../metrics/durable';
import { isolateFamilies } from '../metrics/isolate';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '../metrics/prometheus';
import { errorResponse } from './errors';
import type { AppEnv } from './types';

/** Constant-time comparison of the presented token with the configured one (both hashed to equal length). */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const hash = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return crypto.subtle.timingSafeEqual(await hash(given), await hash(expected));
}

export function metricsRoutes(): Hono<AppEnv> {
  const metrics = new Hono<AppEnv>();
  metrics.get('/metrics', async (c) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 'unauthorized', 'GET /metrics needs "Authorization: Bearer <staff token or METRICS_TOKEN>"');
    }
    const token = match[1];
    const byMetricsToken = !!c.env.METRICS_TOKEN && (await sameSecret(token, c.env.METRICS_TOKEN));
    if (!byMetricsToken) {
      let principal;
      try {
        principal = await verifyToken(c.env, token);
      } catch (err) {
        if (!(err instanceof TokenError)) throw err;
        c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        return errorResponse(c, 'unauthorized', 'Invalid token');
      }
      if (!isStaff(principal)) return errorResponse(c, 'forbidden', 'Metrics are for staff, admins and the METRICS_TOKEN');
    }
    const families = [...(await durableFamilies(c.env.DB)), ...isolateFamilies(CircuitBreaker.states())];
    return c.body(renderPrometheus(families), 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
  });
  return metrics;
}
