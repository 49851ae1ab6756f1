import type { Principal } from '../auth/principal';

/** Hono generics for the whole app: bindings from `wrangler types`, and the per-request variables. */
export type AppEnv = {
  Bindings: Env;
  Variables: { principal: Principal; requestId: string };
};
