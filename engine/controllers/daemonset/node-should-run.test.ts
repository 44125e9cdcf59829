import { describe, expect, it } from 'vitest';
import type { appsv1, corev1 } from '../../api/types.ts';
import { nodeShouldRunDaemonPod, withDaemonTolerations } from './node-should-run.ts';

const ds = (spec: Partial<corev1.PodSpec> = {}): appsv1.DaemonSet => ({
  metadata: { name: 'd' },
  spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } },
});
const node = (taints: corev1.Taint[] = [], labels: Record<string, string> = {}): corev1.Node => ({ metadata: { name: 'n1', labels }, spec: { taints } });

describe('nodeShouldRunDaemonPod', () => {
  it('runs on untainted nodes, and on nodes tainted with the conditions daemons tolerate automatically', () => {
    expect(nodeShouldRunDaemonPod(ds(), node())).toEqual({ shouldRun: true, shouldContinueRunning: true });
    for (const key of ['not-ready', 'unreachable']) {
      expect(nodeShouldRunDaemonPod(ds(), node([{ key: `node.kubernetes.io/${key}`, effect: 'NoExecute' }])).shouldRun).toBe(true);
    }
    for (const key of ['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable']) {
      expect(nodeShouldRunDaemonPod(ds(), node([{ key: `node.kubernetes.io/${key}`, effect: 'NoSchedule' }])).shouldRun).toBe(true);
    }
  });

  it('network-unavailable is tolerated only by hostNetwork daemons', () => {
    const taint = [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }];
    expect(nodeShouldRunDaemonPod(ds(), node(taint)).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(ds({ hostNetwork: true }), node(taint)).shouldRun).toBe(true);
  });

  it('NoSchedule keeps existing pods, NoExecute and a mismatching nodeSelector do not', () => {
    expect(nodeShouldRunDaemonPod(ds(), node([{ key: 'x', effect: 'NoSchedule' }]))).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(ds(), node([{ key: 'x', effect: 'NoExecute' }]))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(ds({ nodeSelector: { a: 'b' } }), node())).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(ds({ nodeSelector: { a: 'b' } }), node([], { a: 'b' })).shouldRun).toBe(true);
  });

  it('does not duplicate tolerations the template already has', () => {
    const t = withDaemonTolerations({ containers: [], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] });
    expect(t.filter((x) => x.key === 'node.kubernetes.io/not-ready')).toHaveLength(1);
    expect(t).toHaveLength(6);
  });
});
