import { describe, it } from 'vitest';
import { ingressHost } from '../../solutions/ingress/host-rules.ts';
import { ingressPath } from '../../solutions/ingress/path-match.ts';
import { hostRulesCases } from './host-rules-suite.ts';

describe('ingress.host (reference)', () => {
  for (const c of hostRulesCases) it(c.name, () => c.run(ingressHost, ingressPath));
});
