// Optional secrets: absent means "not configured", so they cannot be in wrangler's
// `secrets.required` (which `wrangler types` reads). Set with `wrangler secret put`.
interface Env {
  OPENAI_API_KEY?: string;
}
declare namespace Cloudflare {
  interface Env {
    OPENAI_API_KEY?: string;
  }
}
