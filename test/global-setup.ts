/**
 * Vitest globalSetup (runs in Node, not workerd): starts one fake OpenAI server for
 * the whole run and hands its base URL to the tests, which read it with
 * `inject('fakeOpenAIUrl')`. Tests isolate themselves with per-test scenario ids,
 * so one shared server is enough.
 */
import type { TestProject } from 'vitest/node';
import { startFakeOpenAI } from './fake-openai/server.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake OpenAI server, e.g. `http://127.0.0.1:PORT/v1`. */
    fakeOpenAIUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAI({ port: 0 });
  project.provide('fakeOpenAIUrl', fake.url);
  return () => fake.close();
}
