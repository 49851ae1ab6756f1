// A bench-only Worker: runs the domain function behind list_services in-process against the same
// local D1, and reports each call's time as measured inside workerd (the baseline for MCP and REST).
import { ANONYMOUS } from '../worker/auth/principal';
import { createContext } from '../worker/domain/context';
import { listServices } from '../worker/domain/services';

interface BenchEnv {
  DB: D1Database;
}

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    const calls = Math.min(10_000, Number(url.searchParams.get('calls') ?? 100));
    const concurrency = Math.max(1, Math.min(64, Number(url.searchParams.get('concurrency') ?? 1)));
    const ctx = createContext({ DB: env.DB, BUSINESS_TIMEZONE: 'America/Chicago' }, ANONYMOUS);
    const times: number[] = [];
    let next = 0;
    // Date.now() advances across I/O in workerd, which each D1 query is.
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < calls) {
          const t0 = performance.now();
          const result = await listServices(ctx, {});
          if (!result.services.length) throw new Error('no services');
          times.push(performance.now() - t0);
        }
      }),
    );
    return Response.json({ times, wallMs: Date.now() - started });
  },
} satisfies ExportedHandler<BenchEnv>;
