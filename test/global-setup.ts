/**
 * Vitest globalSetup (runs in Node, not workerd): starts one fake OpenAI server and
 * one fake OpenAI Realtime server for the whole run and hands their URLs to the
 * tests and project configs, which read them with `inject('fakeOpenAIUrl')` and
 * `inject('fakeRealtimeUrl')`. Tests isolate themselves with per-test scenario ids,
 * so one shared server of each is enough.
 */
import type { TestProject } from 'vitest/node';
import { startFakeOpenAI } from './fake-openai/server.ts';
import { startFakeRealtime } from './fake-realtime/server.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake OpenAI server, e.g. `http://127.0.0.1:PORT/v1`. */
    fakeOpenAIUrl: string;
    /** WebSocket URL of the fake realtime server, e.g. `ws://127.0.0.1:PORT/v1/realtime`. */
    fakeRealtimeUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAI({ port: 0 });
  const realtime = await startFakeRealtime({ port: 0 });
  project.provide('fakeOpenAIUrl', fake.url);
  project.provide('fakeRealtimeUrl', realtime.url);
  return async () => {
    await Promise.all([fake.close(), realtime.close()]);
  };
}
