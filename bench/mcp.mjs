// MCP tools/call latency for a read tool (list_services), next to the same domain function called
// in-process against the same local D1 (a bench-only Worker, bench/domain-worker.ts) and the same tool over REST.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signToken } from '../worker/auth/tokens.ts';
import { BENCH_JWT_SECRET, fmt, percentile, startDevServer, timed } from './dev-server.mjs';
import { goal } from './goals.mjs';

export async function benchMcp({ calls, concurrency }) {
  const server = await startDevServer();
  // The bench-only domain Worker, on the same persisted D1 as the server under test.
  const domain = await startDevServer({ configPath: 'bench/wrangler.domain.jsonc', persistDir: server.persist, healthPath: '/?calls=1' });
  const token = await signToken({ JWT_SECRET: BENCH_JWT_SECRET, JWT_ISSUER: 'switchboard', JWT_AUDIENCE: 'switchboard-api' }, { sub: 'bench-staff', role: 'staff' });
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = new Client({ name: 'switchboard-bench', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      return client;
    }),
  );
  try {
    const viaRest = async () => {
      const res = await fetch(`${server.base}/api/v1/services`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`REST ${res.status}`);
      await res.json();
    };
    const viaMcp = async (i) => {
      const r = await clients[i % clients.length].callTool({ name: 'list_services', arguments: {} });
      if (r.isError) throw new Error(`MCP isError: ${JSON.stringify(r.content)}`);
    };
    for (const f of [viaRest, viaMcp]) await timed(20, concurrency, f); // warm-up
    await fetch(`${domain.base}/?calls=20&concurrency=${concurrency}`);
    const rows = [
      ['domain fn, in-process', await (await fetch(`${domain.base}/?calls=${calls}&concurrency=${concurrency}`)).json()],
      ['REST GET /api/v1/services', await timed(calls, concurrency, viaRest)],
      ['MCP tools/call', await timed(calls, concurrency, viaMcp)],
    ];
    console.log(`\nMCP: list_services × ${calls}, ${concurrency} at a time (same local D1 for all three)`);
    console.log('                            p50         p95         throughput');
    for (const [name, r] of rows) console.log(`${name.padEnd(27)} ${fmt(percentile(r.times, 50)).padEnd(11)} ${fmt(percentile(r.times, 95)).padEnd(11)} ${(calls / (r.wallMs / 1000)).toFixed(0)} calls/s`);
    const [d, rest, mcp] = rows.map(([, r]) => r);
    console.log(`ratio MCP / in-process: p50 ${(percentile(mcp.times, 50) / percentile(d.times, 50)).toFixed(2)}×, p95 ${(percentile(mcp.times, 95) / percentile(d.times, 95)).toFixed(2)}×`);
    goal('MCP tools/call p50 / REST (list_services)', percentile(mcp.times, 50) / percentile(rest.times, 50), 1.2);
    goal('MCP tools/call p95 / REST (list_services)', percentile(mcp.times, 95) / percentile(rest.times, 95), 1.2);
    console.log(`ratio MCP / REST:   p50 ${(percentile(mcp.times, 50) / percentile(rest.times, 50)).toFixed(2)}×, p95 ${(percentile(mcp.times, 95) / percentile(rest.times, 95)).toFixed(2)}×`);
    console.log('(in-process = listServices() timed inside workerd on the same D1; REST and MCP are timed by the client over HTTP;');
    console.log(' both run executeTool: token auth, permission check, validation, audit-log write; MCP adds JSON-RPC)');
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await domain.stop();
    await server.stop();
  }
}
