/**
 * The Worker entry: the HTTP app behind the OAuth authorization server, and
 * every Durable Object class re-exported for wrangler.
 */
import { buildApp } from './http/app';
import { withOAuth } from './oauth';

export { ChatSession } from '../durable-objects/chat-session';

export default withOAuth(buildApp()) satisfies ExportedHandler<Env>;
