/**
 * What model tokens cost, in US cents per million tokens, so every turn and
 * interaction carries a cost. `MODEL_PRICES` (JSON) overrides or extends it.
 */
export interface Price {
  input: number;
  output: number;
}

const BUILT_IN: Record<string, Price> = {
  offline: { input: 0, output: 0 },
  'gpt-4o-mini': { input: 15, output: 60 },
  'gpt-4o': { input: 250, output: 1000 },
  'gpt-4.1-mini': { input: 40, output: 160 },
  'gpt-4.1': { input: 200, output: 800 },
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
