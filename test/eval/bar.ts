/**
 * The pass rates the offline engine must keep (CI fails below them): a ratchet, set a little under what
 * was measured when they were last raised, so a day of the week that makes a few scenarios not applicable
 * does not fail the build. Raise them as the engine improves; the goal is 95% overall, 90% per category.
 * Measured 2026-12-01 (npm run eval, 185 scenarios): 79.5% overall. 2026-12-02 (285 scenarios, 100 of them by two
 * authors who never read the engine, 26/60 and 23/40 on their first runs): 99.3% overall, every category at least 96%.
 * 2026-12-02 again (385 scenarios; heldout3 and heldout4, 50 each by authors who never read the engine, 39/50 and
 * 38/50 on their first runs): 100% overall. Raised to 96% overall and 90% per category.
 */
import type { Category } from './types.ts';

export const OVERALL_BAR = 0.96;

export const CATEGORY_BAR: Record<Category, number> = {
  booking: 0.9,
  messy: 0.9,
  correction: 0.9,
  side_question: 0.9,
  manage: 0.9,
  knowledge: 0.9,
  safety: 0.9,
  complaint: 0.9,
  spanish: 0.9,
  adversarial: 0.9,
};
