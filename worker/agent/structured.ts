/**
 * One structured-output call to the configured model (Chat Completions `response_format: json_schema`,
 * strict, from a zod schema by the `openai` package's `zodResponseFormat`, the answer parsed with that same
 * schema), behind the chat turns' circuit breaker. The conversation analyser (analyse-model.ts) and staff
 * assist (suggest.ts) both ask this way and both fall back to a deterministic answer, so a failure is a
 * reason, never a throw: `circuit_open` (the provider was found down), `refused`, `invalid` (an answer that
 * is not the schema's: the provider is up) or `error`.
 */
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { log } from '../lib/log';
import { countModelError } from '../metrics/isolate';
import type { ModelEnv } from './factory';
import { toModelError } from './openai-model';
import { CircuitBreaker } from './resilience';

export type StructuredFailure = 'error' | 'invalid' | 'circuit_open' | 'refused';

const TIMEOUT_MS = 15_000;

/**
 * Asks the model for an answer of `schema`. `messages` is built only once the breaker lets the call through
 * (it may read D1). `logEvent` names the warning a fallback logs. Callers ask only when a key is set.
 * @example const r = await structuredCompletion(env, { name: 'reply_suggestion', schema, messages: async () => [...], logEvent: 'suggest_fallback' });
 */
export async function structuredCompletion<T extends z.ZodType>(
  env: ModelEnv,
  request: { name: string; schema: T; messages: () => Promise<ChatCompletionMessageParam[]> | ChatCompletionMessageParam[]; logEvent: string },
  fetchImpl?: typeof fetch,
): Promise<{ ok: true; value: z.output<T>; model: string } | { ok: false; failure: StructuredFailure }> {
  const client = new OpenAI({ apiKey: env.OPENAI_API_KEY, maxRetries: 0, timeout: TIMEOUT_MS, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const model = env.OPENAI_MODEL || 'gpt-4o-mini';
  // The chat turns' breaker: a provider they found down is not asked again here.
  const breaker = CircuitBreaker.for(client.baseURL);
  try {
    breaker.acquire();
  } catch {
    countModelError('circuit_open');
    return { ok: false, failure: 'circuit_open' };
  }
  try {
    const completion = await client.chat.completions.parse({ model, messages: await request.messages(), response_format: zodResponseFormat(request.schema, request.name) });
    breaker.recordSuccess();
    const message = completion.choices[0]?.message;
    if (!message?.parsed) {
      const failure = message?.refusal ? 'refused' : 'invalid';
      log.warn(request.logEvent, { reason: failure, model });
      return { ok: false, failure };
    }
    return { ok: true, value: message.parsed as z.output<T>, model };
  } catch (error) {
    // An answer that is not the schema's (zod's error, bad JSON, cut off or filtered): the provider is up.
    const invalid = error instanceof z.ZodError || error instanceof SyntaxError || error instanceof LengthFinishReasonError || error instanceof ContentFilterFinishReasonError;
    countModelError(invalid ? 'malformed' : toModelError(error).kind);
    if (!invalid && toModelError(error).retryable) breaker.recordFailure();
    else breaker.recordSuccess();
    log.warn(request.logEvent, { reason: invalid ? 'invalid' : 'error', model, error: error instanceof Error ? error.message.slice(0, 200) : String(error) });
    return { ok: false, failure: invalid ? 'invalid' : 'error' };
  }
}
