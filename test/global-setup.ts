/**
 * Vitest globalSetup (runs in Node, not workerd): starts one fake OpenAI server,
 * one fake OpenAI Realtime server and one fake identity provider (a JWKS) for the
 * whole run and hands their URLs to the tests and project configs, which read them
 * with `inject('fakeOpenAIUrl')`, `inject('fakeRealtimeUrl')` and `inject('fakeIdp')`.
 * Tests isolate themselves with per-test scenario ids, so one shared server of each
 * is enough.
 */
import type { JWK } from 'jose';
import type { TestProject } from 'vitest/node';
import { startFakeIdp } from './fake-idp/server.ts';
import { startFakeOpenAI } from './fake-openai/server.ts';
import { startFakeRealtime } from './fake-realtime/server.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake OpenAI server, e.g. `http://127.0.0.1:PORT/v1`. */
    fakeOpenAIUrl: string;
    /** WebSocket URL of the fake realtime server, e.g. `ws://127.0.0.1:PORT/v1/realtime`. */
    fakeRealtimeUrl: string;
    /** The fake identity provider: its JWKS URL and the private keys (with kid, alg) to sign tokens as it. */
    fakeIdp: { jwksUrl: string; signingKeys: JWK[] };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAI({ port: 0 });
  const realtime = await startFakeRealtime({ port: 0 });
  const idp = await startFakeIdp({ port: 0 });
  project.provide('fakeOpenAIUrl', fake.url);
  project.provide('fakeRealtimeUrl', realtime.url);
  project.provide('fakeIdp', { jwksUrl: idp.jwksUrl, signingKeys: idp.signingKeys });
  return async () => {
    await Promise.all([fake.close(), realtime.close(), idp.close()]);
  };
}
