/**
 * The pass rates the offline engine must keep (CI fails below them): a ratchet, set a little under what
 * was measured when they were last raised, so a day of the week that makes a few scenarios not applicable
 * does not fail the build. Raise them as the engine improves; the goal is 95% overall, 90% per category.
 * Measured 2026-12-01 (npm run eval, 185 scenarios): 79.5% overall.
 */
import type { Category } from './types.ts';

export const OVERALL_BAR = 0.75;

export const CATEGORY_BAR: Record<Category, number> = {
  booking: 0.72,
  messy: 0.78,
  correction: 0.78,
  side_question: 0.65,
  manage: 0.83,
  knowledge: 0.6,
  safety: 0.88,
  complaint: 0.7,
  spanish: 0.45,
  adversarial: 0.6,
};
