// Optional secrets: absent means "not configured", so they cannot be in wrangler's
// `secrets.required` (which `wrangler types` reads). Set with `wrangler secret put`.
// METRICS_TOKEN: a bearer secret for a Prometheus scraper on GET /metrics. METRICS: the optional Workers
// Analytics Engine binding (commented out in wrangler.jsonc); without it the writes are no-ops.
interface Env {
  OPENAI_API_KEY?: string;
  METRICS_TOKEN?: string;
  METRICS?: AnalyticsEngineDataset;
}
declare namespace Cloudflare {
  interface Env {
    OPENAI_API_KEY?: string;
    METRICS_TOKEN?: string;
    METRICS?: AnalyticsEngineDataset;
  }
}
