// The bench's goals (#10, #15), each a ratio or a figure measured in the same run, printed as one table with
// PASS/FAIL at the end of `npm run bench`. Not timed tests: a busy machine fails them without a regression.
const goals = [];

/**
 * Records a measured figure against its goal (`value <= limit`, or `< limit` when `strict`); a `limit` of
 * undefined records a figure that is only reported.
 * @example goal('offline turn p95', 41.2, 50, 'ms', { strict: true });
 */
export function goal(name, value, limit, unit = '×', { strict = false } = {}) {
  goals.push({ name, value, limit, unit, strict });
}

export function printGoals() {
  if (!goals.length) return;
  console.log('\nGoals (same-run figures)');
  console.log(`${'goal'.padEnd(58)} ${'measured'.padStart(10)} ${'target'.padStart(10)}  result`);
  for (const g of goals) {
    const shown = (v) => `${v.toFixed(g.unit === '×' ? 2 : 1)}${g.unit === '×' ? '×' : ` ${g.unit}`}`;
    const target = g.limit === undefined ? '' : `${g.strict ? '<' : '≤'} ${shown(g.limit)}`;
    const result = g.limit === undefined ? 'reported' : (g.strict ? g.value < g.limit : g.value <= g.limit) ? 'PASS' : 'FAIL';
    console.log(`${g.name.padEnd(58)} ${shown(g.value).padStart(10)} ${target.padStart(10)}  ${result}`);
  }
}
