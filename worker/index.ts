/**
 * The Worker entry: the HTTP app, and (as they arrive) every Durable Object
 * class re-exported for wrangler.
 */
import { buildApp } from './http/app';

const app = buildApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
