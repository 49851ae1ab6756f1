/**
 * `npm run eval`: plays every scenario of test/eval/scenarios against the
 * offline model (a throwaway server) or, with EVAL_URL, against a running
 * server and whatever model it is configured with; prints the pass rate by
 * category. EVAL_RUNS=k reports pass^k (a scenario counts only if all k runs
 * pass); EVAL_ONLY=text keeps scenarios whose id or category contains it;
 * EVAL_VERBOSE=1 prints every failing conversation.
 */
import { formatScores, runSuite } from './runner.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { evalTarget } from './target.ts';

const runs = Math.max(1, Number(process.env.EVAL_RUNS ?? 1) || 1);
const only = process.env.EVAL_ONLY;
const scenarios = only ? SCENARIOS.filter((s) => s.id.includes(only) || s.category === only) : SCENARIOS;
const target = await evalTarget();
try {
  const started = Date.now();
  const suite = await runSuite(target, scenarios, runs, (result, run) => {
    if (result.notApplicable) return console.log(`- ${result.id}: not applicable today (${result.notApplicable})`);
    if (result.passed) return;
    console.log(`✗ ${result.id}${runs > 1 ? ` (run ${run})` : ''}: ${result.failures.join('; ')}`);
    if (process.env.EVAL_VERBOSE) for (const t of result.turns) console.log(`    > ${t.said}\n    < ${t.reply.replace(/\n/g, '\n      ')}`);
  });
  console.log(`\n${formatScores(suite.categories, suite.passed, suite.total, runs)}\n`);
  if (suite.notApplicable.length) console.log(`${suite.notApplicable.length} not applicable today (not counted)`);
  console.log(`${scenarios.length} scenarios × ${runs} run(s) against ${process.env.EVAL_URL ?? 'a throwaway offline server'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await target.stop();
}
