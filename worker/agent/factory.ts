/**
 * Picks the model for a turn: the OpenAI-compatible provider when a key is set
 * (wrapped in retries and the provider's shared circuit breaker), else the
 * built-in offline model. Nothing else in the product changes between the two.
 */
import type { ChatModel } from './model';
import { OfflineModel } from './offline/model';
import { OpenAIChatModel } from './openai-model';
import { CircuitBreaker, withRetries } from './resilience';

export interface ModelEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  BUSINESS_NAME: string;
  BUSINESS_TIMEZONE: string;
}

export function createChatModel(env: ModelEnv, now: () => number = Date.now): ChatModel {
  if (!env.OPENAI_API_KEY) {
    return new OfflineModel({ timeZone: env.BUSINESS_TIMEZONE, now, businessName: env.BUSINESS_NAME });
  }
  const model = new OpenAIChatModel({
    apiKey: env.OPENAI_API_KEY,
    model: env.OPENAI_MODEL || 'gpt-4o-mini',
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
  });
  return withRetries(model, { breaker: CircuitBreaker.for(model.baseURL) });
}
