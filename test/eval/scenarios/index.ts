// Every eval scenario, in one list (test/eval/types.ts explains the format).
import type { Scenario } from '../types.ts';
import { adversarial } from './adversarial.ts';
import { booking } from './booking.ts';
import { complaint } from './complaint.ts';
import { correction } from './correction.ts';
import { FRESH } from './fresh.ts';
import { HELDOUT3 } from './heldout3.ts';
import { HELDOUT4 } from './heldout4.ts';
import { HELDOUT5 } from './heldout5.ts';
import { HELDOUT6 } from './heldout6.ts';
import { HELDOUT7 } from './heldout7.ts';
import { HELDOUT8 } from './heldout8.ts';
import { HOLDOUT } from './holdout.ts';
import { knowledge } from './knowledge.ts';
import { manage } from './manage.ts';
import { messy } from './messy.ts';
import { safety } from './safety.ts';
import { sideQuestion } from './side-question.ts';
import { spanish } from './spanish.ts';
import { starter } from './starter.ts';

export const SCENARIOS: Scenario[] = [
  ...starter,
  ...booking,
  ...messy,
  ...correction,
  ...sideQuestion,
  ...manage,
  ...knowledge,
  ...safety,
  ...complaint,
  ...spanish,
  ...adversarial,
  ...FRESH,
  ...HOLDOUT,
  ...HELDOUT3,
  ...HELDOUT4,
  ...HELDOUT5,
  ...HELDOUT6,
  ...HELDOUT7,
  ...HELDOUT8,
];

const ids = new Set<string>();
for (const s of SCENARIOS) {
  if (ids.has(s.id)) throw new Error(`duplicate eval scenario id ${s.id}`);
  ids.add(s.id);
}
