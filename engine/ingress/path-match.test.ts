import { describe, it } from 'vitest';
import { ingressPath } from '../../solutions/ingress/path-match.ts';
import { pathMatchCases } from './path-match-suite.ts';

describe('ingress.path (reference)', () => {
  for (const c of pathMatchCases) it(c.name, () => c.run(ingressPath));
});
