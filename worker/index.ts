/**
 * The Worker entry: the HTTP app, and every Durable Object class re-exported
 * for wrangler.
 */
import { buildApp } from './http/app';

export { ChatSession } from '../durable-objects/chat-session';

const app = buildApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
