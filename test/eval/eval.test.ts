// CI's run of the eval suite: every scenario against the offline engine on a throwaway `wrangler dev`,
// through the public chat API, graded on the end state and the replies; the build fails below the bar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_BAR, OVERALL_BAR } from './bar.ts';
import { formatScores, runSuite } from './runner.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { evalTarget } from './target.ts';

let target: Awaited<ReturnType<typeof evalTarget>>;
beforeAll(async () => {
  target = await evalTarget();
});
afterAll(async () => {
  await target?.stop();
});

describe('the offline engine on the eval suite', () => {
  it(`passes at least ${OVERALL_BAR * 100}% of the scenarios, and every category its bar`, async () => {
    const suite = await runSuite(target, SCENARIOS);
    console.log(`\n${formatScores(suite.categories, suite.passed, suite.total, 1)}\n${suite.notApplicable.length} not applicable today`);
    const failing = [...suite.results.values()].flat().filter((r) => !r.passed && !r.notApplicable);
    const detail = failing.map((r) => `${r.id}: ${r.failures.join('; ')}`).join('\n');
    expect(suite.total, 'scenarios counted').toBeGreaterThan(150);
    expect(suite.rate, `overall pass rate; failing:\n${detail}`).toBeGreaterThanOrEqual(OVERALL_BAR);
    for (const c of suite.categories) expect(c.passed / c.total, `${c.category}: ${c.passed}/${c.total}`).toBeGreaterThanOrEqual(CATEGORY_BAR[c.category]);
  });
});
