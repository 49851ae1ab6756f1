// Every eval scenario, in one list (test/eval/types.ts explains the format).
import type { Scenario } from '../types.ts';
import { starter } from './starter.ts';

export const SCENARIOS: Scenario[] = [...starter];

const ids = new Set<string>();
for (const s of SCENARIOS) {
  if (ids.has(s.id)) throw new Error(`duplicate eval scenario id ${s.id}`);
  ids.add(s.id);
}
