#!/usr/bin/env node
// `npm run bench` (BENCH_ONLY=analytics): GET /api/v1/analytics on BENCH_ANALYTICS_INTERACTIONS (10,000) interactions
// seeded into a throwaway local D1 over the last 30 days (4 messages each, a booking in every 5th, a handoff in every
// 7th, a staff reply in every 9th, a rating in every 3rd), through `wrangler dev`: p50/p95 of BENCH_ANALYTICS_CALLS (40)
// requests for the 30-day range, all channels and chat only, next to GET /health in the same run, and the query's
// plan (EXPLAIN QUERY PLAN through wrangler d1 execute), which must use the indexes and scan no table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyLocalMigrations, loadLocalSeed } from '../scripts/local-db.mjs';
import { projectRoot } from '../scripts/offline-env.mjs';
import { signToken } from '../worker/auth/tokens.ts';
import { BENCH_JWT_SECRET, fmt, percentile, startDevServer, timed } from './dev-server.mjs';

const wrangler = path.join(projectRoot, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
function d1(persistTo, args) {
  const result = spawnSync(process.execPath, [wrangler, 'd1', 'execute', 'DB', '--local', '--persist-to', persistTo, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** 10,000 interactions and their rows in a handful of INSERT … SELECT statements (a recursive counter). */
function seedSql(count, now) {
  const span = 30 * 86_400_000;
  const n = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`;
  const created = `${now} - (i * ${Math.floor(span / count)})`;
  return [
    `INSERT INTO customers (name, created_at, updated_at) VALUES ('Bench Customer', ${now}, ${now});`,
    `${n} INSERT INTO interactions (number, session_id, channel, status, prompt_tokens, completion_tokens, cost_cents, intent, csat_score, created_at, updated_at)
     SELECT printf('INT-B-%06d', i), printf('bench-%06d', i), CASE WHEN i % 10 = 0 THEN 'voice' ELSE 'chat' END,
       CASE WHEN i % 7 = 0 THEN 'escalated' WHEN i % 2 = 0 THEN 'resolved' ELSE 'open' END, 900 + i % 400, 120 + i % 90, 0.02 * (i % 50),
       CASE i % 4 WHEN 0 THEN 'book' WHEN 1 THEN 'question' WHEN 2 THEN 'price' ELSE 'reschedule' END,
       CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, ${created}, ${created} FROM n;`,
    `INSERT INTO messages (interaction_id, seq, role, content, tool_name, created_at)
     SELECT i.id, k.seq, k.role, 'bench message', k.tool, i.created_at + k.seq * 15000
     FROM interactions i JOIN (SELECT 1 AS seq, 'assistant' AS role, NULL AS tool UNION ALL SELECT 2, 'user', NULL UNION ALL SELECT 3, 'assistant', NULL UNION ALL SELECT 4, 'user', NULL) k
     WHERE i.session_id LIKE 'bench-%';`,
    `INSERT INTO messages (interaction_id, seq, role, content, tool_name, created_at)
     SELECT id, 5, 'tool', '{}', 'request_human', created_at + 75000 FROM interactions WHERE session_id LIKE 'bench-%' AND id % 7 = 0;`,
    `INSERT INTO messages (interaction_id, seq, role, content, tool_name, created_at)
     SELECT id, 6, 'staff', 'bench staff reply', NULL, created_at + 240000 FROM interactions WHERE session_id LIKE 'bench-%' AND id % 9 = 0;`,
    `INSERT INTO bookings (number, customer_id, service_id, employee_id, starts_at, ends_at, status, address, price_cents, interaction_id, created_by, created_at, updated_at)
     SELECT printf('BK-B-%06d', id), (SELECT max(id) FROM customers WHERE name = 'Bench Customer'), (SELECT min(id) FROM services), (SELECT min(id) FROM employees),
       ${now} + id * 3600000, ${now} + id * 3600000 + 3600000, 'completed', '1 Bench St', 15000, id, 'bench', created_at, created_at
     FROM interactions WHERE session_id LIKE 'bench-%' AND id % 5 = 0;`,
  ].join('\n');
}

/** The query getAnalytics runs, read from its source (one definition), with its parameters bound for EXPLAIN. */
function analyticsQuery(start, end) {
  const source = readFileSync(path.join(projectRoot, 'worker', 'domain', 'analytics.ts'), 'utf8');
  const sql = /export const ANALYTICS_QUERY = `([\s\S]*?)`;/.exec(source)?.[1];
  if (!sql) throw new Error('ANALYTICS_QUERY not found in worker/domain/analytics.ts');
  return sql.replaceAll('?1', String(start)).replaceAll('?2', String(end)).replaceAll('?3', 'NULL').replace(/\s+/g, ' ');
}

export async function benchAnalytics({ interactions = 10_000, calls = 40 } = {}) {
  const persist = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-analytics-'));
  try {
    applyLocalMigrations({ persistTo: persist });
    loadLocalSeed({ persistTo: persist });
    const now = Date.now();
    const seedFile = path.join(persist, 'bench-analytics.sql');
    writeFileSync(seedFile, seedSql(interactions, now));
    const t0 = performance.now();
    d1(persist, ['--file', seedFile]);
    const counts = JSON.parse(d1(persist, ['--json', '--command', "SELECT (SELECT count(*) FROM interactions) AS interactions, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM bookings) AS bookings"]))[0].results[0];
    console.log(`analytics: seeded ${counts.interactions} interactions, ${counts.messages} messages, ${counts.bookings} bookings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const plan = JSON.parse(d1(persist, ['--json', '--command', `EXPLAIN QUERY PLAN ${analyticsQuery(now - 30 * 86_400_000, now + 86_400_000)}`]))[0].results.map((r) => r.detail);
    console.log(`analytics: query plan\n  ${plan.join('\n  ')}`);
    const scans = plan.filter((d) => /^SCAN /.test(d));
    console.log(scans.length ? `analytics: TABLE SCANS: ${scans.join('; ')}` : 'analytics: every step searches an index (no SCAN)');

    const server = await startDevServer({ persistDir: persist });
    try {
      const token = await signToken({ JWT_SECRET: BENCH_JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' }, { sub: 'bench-staff', role: 'staff' }, '1h');
      const get = async (url, auth = true) => {
        const res = await fetch(`${server.base}${url}`, auth ? { headers: { authorization: `Bearer ${token}` } } : {});
        if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const first = await get('/api/v1/analytics');
      console.log(`analytics: 30 days ${first.from}..${first.to}: ${first.totals.conversations} conversations, ${first.totals.bookings} bookings, ${first.top_intents.length} intents`);
      const runs = [
        ['GET /health (baseline)', () => get('/health', false)],
        ['GET /analytics 30 days', () => get('/api/v1/analytics')],
        ['GET /analytics 30 days, chat', () => get('/api/v1/analytics?channel=chat')],
      ];
      for (const [name, fn] of runs) {
        const { times } = await timed(calls, 1, fn);
        console.log(`analytics: ${name.padEnd(30)} p50 ${fmt(percentile(times, 50))}  p95 ${fmt(percentile(times, 95))}  (${calls} sequential)`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}
