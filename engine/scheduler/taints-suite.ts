/** The behaviour cases of the `scheduler.taints` part (TaintToleration's Filter). */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import type { SchedulerParts, TaintsPart } from './parts.ts';
import { failingCases, withScheduler, type PartCase } from './part-suite.ts';
import { makeNode, makePod } from './testing.ts';

const taint = (key: string, value: string | undefined, effect: string): corev1.Taint => ({ key, value, effect }) as corev1.Taint;
const noSchedule = (t: corev1.Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

export const taintsCases: readonly PartCase<TaintsPart>[] = [
  {
    name: 'a node with an untolerated NoSchedule taint is named in the message: `node(s) had untolerated taint {dedicated: gpu}`',
    kind: 'cluster',
    async run(taints, base) {
      await withScheduler({ ...base, taints }, async (h) => {
        await h.addNodes(makeNode('node-1', { cpu: '1' }), makeNode('node-2', { taints: [taint('dedicated', 'gpu', 'NoSchedule')] }));
        await h.createPod(makePod('web', { cpu: '2' }));
        expect(await h.waitUnschedulable('web', 10_000)).toMatch(
          /^0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint \{dedicated: gpu\}\. /,
        );
      });
    },
  },
  {
    name: 'a pod that tolerates the taint is scheduled onto the tainted node',
    kind: 'cluster',
    async run(taints, base) {
      await withScheduler({ ...base, taints }, async (h) => {
        await h.addNodes(makeNode('node-1', { taints: [taint('dedicated', 'gpu', 'NoSchedule')] }));
        await h.createPod(makePod('job', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
        expect(await h.waitBound('job', 10_000)).toBe('node-1');
      });
    },
  },
  {
    name: 'a toleration with operator Exists and no effect lets the pod onto a node tainted `dedicated=gpu:NoSchedule`',
    kind: 'cluster',
    async run(taints, base) {
      await withScheduler({ ...base, taints }, async (h) => {
        await h.addNodes(makeNode('node-1', { taints: [taint('dedicated', 'gpu', 'NoSchedule')] }));
        await h.createPod(makePod('job', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }));
        expect(await h.waitBound('job', 10_000)).toBe('node-1');
      });
    },
  },
  {
    name: 'operator Equal is the default: key, value and effect must all match',
    kind: 'part',
    run(taints) {
      const t = taint('dedicated', 'gpu', 'NoSchedule');
      expect(taints.toleratesTaint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, t)).toBe(true);
      expect(taints.toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, t)).toBe(true);
      expect(taints.toleratesTaint({ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }, t)).toBe(false);
      expect(taints.toleratesTaint({ key: 'other', value: 'gpu', effect: 'NoSchedule' }, t)).toBe(false);
      expect(taints.toleratesTaint({ key: 'dedicated', effect: 'NoSchedule' }, t)).toBe(false);
    },
  },
  {
    name: 'operator Exists ignores the value',
    kind: 'part',
    run(taints) {
      expect(taints.toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint('dedicated', 'gpu', 'NoSchedule'))).toBe(true);
      expect(taints.toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint('dedicated', undefined, 'NoExecute'))).toBe(true);
      expect(taints.toleratesTaint({ key: 'other', operator: 'Exists' }, taint('dedicated', 'gpu', 'NoSchedule'))).toBe(false);
    },
  },
  {
    name: 'an empty key with Exists tolerates every taint',
    kind: 'part',
    run(taints) {
      for (const t of [taint('a', 'b', 'NoSchedule'), taint('node.kubernetes.io/unreachable', undefined, 'NoExecute'), taint('x', '', 'PreferNoSchedule')]) {
        expect(taints.toleratesTaint({ operator: 'Exists' }, t)).toBe(true);
      }
      expect(taints.toleratesTaint({ operator: 'Exists', effect: 'NoExecute' }, taint('a', 'b', 'NoSchedule'))).toBe(false);
    },
  },
  {
    name: 'an empty effect matches every effect; a different effect does not',
    kind: 'part',
    run(taints) {
      for (const effect of ['NoSchedule', 'PreferNoSchedule', 'NoExecute']) {
        expect(taints.toleratesTaint({ key: 'k', value: 'v' }, taint('k', 'v', effect))).toBe(true);
      }
      expect(taints.toleratesTaint({ key: 'k', value: 'v', effect: 'NoExecute' }, taint('k', 'v', 'NoSchedule'))).toBe(false);
    },
  },
  {
    name: 'findUntoleratedTaint returns the first included taint nobody tolerates',
    kind: 'part',
    run(taints) {
      const ts = [taint('soft', 'x', 'PreferNoSchedule'), taint('a', '1', 'NoSchedule'), taint('b', '2', 'NoExecute')];
      expect(taints.findUntoleratedTaint(ts, [], noSchedule)).toEqual(ts[1]);
      expect(taints.findUntoleratedTaint(ts, [{ key: 'a', operator: 'Exists' }], noSchedule)).toEqual(ts[2]);
      expect(taints.findUntoleratedTaint(ts, [{ key: 'a', operator: 'Exists' }, { key: 'b', value: '2' }], noSchedule)).toBeUndefined();
      expect(taints.findUntoleratedTaint([], [], noSchedule)).toBeUndefined();
    },
  },
];

export const failingTaintsCases = (taints: TaintsPart, base: SchedulerParts) => failingCases(taintsCases, taints, base);
