/** The reference `proxy.rules` against its part cases (the grader runs the same ones). */
import { describe, it } from 'vitest';
import { buildRuleTable } from '../../solutions/proxy/rule-table.ts';
import { ruleTableCases } from './rule-table-suite.ts';

describe('proxy.rules (reference)', () => {
  for (const c of ruleTableCases) it(c.name, () => c.run(buildRuleTable));
});
