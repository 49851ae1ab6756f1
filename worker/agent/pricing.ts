/**
 * What model tokens cost, in US cents per million tokens, so every turn and
 * interaction carries a cost. `MODEL_PRICES` (JSON) overrides or extends it.
 */
export interface Price {
  input: number;
  output: number;
  /** Realtime models price audio tokens apart from text; without these, audio costs what text does. */
  audio_input?: number;
  audio_output?: number;
}

const BUILT_IN: Record<string, Price> = {
  offline: { input: 0, output: 0 },
  'gpt-4o-mini': { input: 15, output: 60 },
  'gpt-4o': { input: 250, output: 1000 },
  'gpt-4.1-mini': { input: 40, output: 160 },
  'gpt-4.1': { input: 200, output: 800 },
  // Realtime (voice) models: text and audio tokens have separate prices.
  'gpt-realtime': { input: 400, output: 1600, audio_input: 3200, audio_output: 6400 },
  'gpt-realtime-mini': { input: 60, output: 240, audio_input: 1000, audio_output: 2000 },
  'gpt-4o-realtime-preview': { input: 500, output: 2000, audio_input: 4000, audio_output: 8000 },
  'gpt-4o-mini-realtime-preview': { input: 60, output: 240, audio_input: 1000, audio_output: 2000 },
};

/** The price table in force: built-in entries overlaid with `MODEL_PRICES`. Bad JSON is ignored. */
export function priceTable(json: string | undefined): Record<string, Price> {
  if (!json) return BUILT_IN;
  try {
    const parsed = JSON.parse(json) as Record<string, Price>;
    return { ...BUILT_IN, ...parsed };
  } catch {
    return BUILT_IN;
  }
}

/** Cost in cents of a turn's usage; unknown models cost 0 (and are visible as such in reports). */
export function costCents(table: Record<string, Price>, model: string, promptTokens: number, completionTokens: number): number {
  const price = table[model];
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}

/** Token counts of a realtime response, split by modality. */
export interface RealtimeTokens {
  textInput: number;
  audioInput: number;
  textOutput: number;
  audioOutput: number;
}

/**
 * Cost in cents of a realtime response. Cached input tokens are charged at the
 * full input price (an overestimate, never an underestimate).
 */
export function realtimeCostCents(table: Record<string, Price>, model: string, tokens: RealtimeTokens): number {
  const price = table[model];
  if (!price) return 0;
  const audioIn = price.audio_input ?? price.input;
  const audioOut = price.audio_output ?? price.output;
  return (tokens.textInput * price.input + tokens.audioInput * audioIn + tokens.textOutput * price.output + tokens.audioOutput * audioOut) / 1_000_000;
}
