import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { matchingTolerations, toleratesTaint } from '../../api/scheduling/tolerations.ts';
import { minTolerationSeconds } from './tolerations.ts';

const unreachable: corev1.Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const dedicated: corev1.Taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' };

describe('toleration matching for NoExecute taints', () => {
  it('Exists with a key tolerates every value of that key; Equal needs the same value', () => {
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, dedicated)).toBe(true);
    expect(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu' }, dedicated)).toBe(true);
    expect(toleratesTaint({ key: 'dedicated', value: 'cpu' }, dedicated)).toBe(false);
  });

  it('Exists without a key tolerates every taint; an effect restricts the match', () => {
    expect(toleratesTaint({ operator: 'Exists' }, dedicated)).toBe(true);
    expect(toleratesTaint({ operator: 'Exists', effect: 'NoSchedule' }, dedicated)).toBe(false);
  });

  it('a pod is evictable as soon as one taint is not tolerated', () => {
    expect(matchingTolerations([unreachable, dedicated], [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]).tolerated).toBe(false);
  });

  it('the smallest tolerationSeconds among the used tolerations wins; none set means forever', () => {
    const used = matchingTolerations(
      [unreachable, dedicated],
      [
        { key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'dedicated', operator: 'Exists', tolerationSeconds: 60 },
      ],
    ).used;
    expect(minTolerationSeconds(used)).toBe(60);
    expect(minTolerationSeconds([{ key: 'a', operator: 'Exists' }])).toBe(-1);
    expect(minTolerationSeconds([{ key: 'a', operator: 'Exists', tolerationSeconds: 0 }])).toBe(0);
    expect(minTolerationSeconds([])).toBe(0);
  });
});
