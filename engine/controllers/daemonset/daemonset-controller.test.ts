/**
 * The DaemonSet controller on a virtual-clock cluster without scheduler or kubelets: Node objects
 * are written directly, and `kubelets()` plays both — it binds each pending daemon pod to the node
 * its affinity pins it to, reports it Running and Ready, and finishes graceful deletions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isNotFound } from '../../api/errors.ts';
import type { appsv1, corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { rfc3339 } from '../job/job-conditions.ts';
import { runController } from '../replicaset/testing/index.ts';
import { targetNodeName } from './daemon-pod.ts';
import { daemonSetController } from './daemonset-controller.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function daemonSet(name: string, spec: Partial<appsv1.DaemonSetSpec> = {}, image = 'fluentd:1.16'): appsv1.DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image }] } },
      ...spec,
    },
  };
}

function node(name: string, labels: Record<string, string> = {}, taints: corev1.Taint[] = []): corev1.Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: taints.length ? { taints } : {} };
}

async function setup(seed: string, nodes: corev1.Node[]) {
  const cluster: Cluster = await createCluster({ seed });
  cleanup.push(() => cluster.close());
  const admin = cluster.client('kubectl');
  for (const n of nodes) await admin.nodes().create(n);
  const dc = await runController(cluster, 'daemonset-controller', daemonSetController());
  cleanup.push(() => dc.stop());
  const kubelet = cluster.client('kubelet');

  /** One pass of the fake scheduler + kubelets over every pod. */
  const kubelets = async () => {
    for (const pod of (await kubelet.pods('default').list()).items as corev1.Pod[]) {
      const name = pod.metadata!.name!;
      try {
        if (pod.metadata?.deletionTimestamp) await kubelet.pods('default').delete(name, { gracePeriodSeconds: 0 });
        else if (!pod.spec?.nodeName) await kubelet.pods('default').bind(name, { metadata: { name }, target: { kind: 'Node', name: targetNodeName(pod)! } });
        else if (pod.status?.phase !== 'Running') {
          const now = rfc3339(cluster.clock.now());
          const c = pod.spec.containers[0]!;
          const status: corev1.PodStatus = {
            ...pod.status,
            phase: 'Running',
            startTime: now,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
            containerStatuses: [{ name: c.name, image: c.image!, imageID: `docker.io/library/${c.image}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } }],
          };
          await kubelet.pods('default').updateStatus({ ...pod, status });
        }
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  };
  const podsByNode = async (ds: string) => {
    const out: Record<string, string[]> = {};
    for (const p of (await admin.pods('default').list({ labelSelector: `app=${ds}` })).items as corev1.Pod[]) {
      if (p.metadata?.deletionTimestamp) continue;
      (out[targetNodeName(p) ?? '?'] ??= []).push(p.metadata?.labels?.['controller-revision-hash'] ?? '');
    }
    return out;
  };
  const status = async (ds: string) => (await admin.daemonsets('default').get(ds)).status ?? ({} as appsv1.DaemonSetStatus);
  /** Advances time with the fake kubelets running until `pred` holds. */
  const until = async (pred: () => Promise<boolean>, steps = 120) => {
    for (let i = 0; i < steps; i++) {
      await kubelets();
      if (await pred()) return;
      await cluster.clock.advance(1_000);
    }
    throw new Error('condition not reached');
  };
  return { cluster, admin, dc, podsByNode, status, until, kubelets };
}

describe('DaemonSet controller', () => {
  it('runs one pod per node, pinned by node affinity and given the automatic tolerations, and reports it in status', async () => {
    const { admin, podsByNode, status, until, dc } = await setup('ds-basic', [node('n1'), node('n2'), node('n3')]);
    await admin.daemonsets('default').create(daemonSet('agent'));
    await until(async () => (await status('agent')).numberAvailable === 3);
    const byNode = await podsByNode('agent');
    expect(Object.keys(byNode).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(Object.values(byNode).every((hashes) => hashes.length === 1)).toBe(true);

    const pod = ((await admin.pods('default').list({ labelSelector: 'app=agent' })).items as corev1.Pod[])[0]!;
    const target = pod.spec?.nodeName;
    expect(pod.metadata?.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [target] }] }],
    });
    expect(pod.spec?.tolerations?.map((t) => `${t.key}:${t.operator}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:Exists:NoExecute',
      'node.kubernetes.io/unreachable:Exists:NoExecute',
      'node.kubernetes.io/disk-pressure:Exists:NoSchedule',
      'node.kubernetes.io/memory-pressure:Exists:NoSchedule',
      'node.kubernetes.io/pid-pressure:Exists:NoSchedule',
      'node.kubernetes.io/unschedulable:Exists:NoSchedule',
    ]);
    const ds = await admin.daemonsets('default').get('agent');
    expect(pod.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    const revisions = (await admin.controllerrevisions('default').list()).items as appsv1.ControllerRevision[];
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ revision: 1, metadata: { name: `agent-${pod.metadata?.labels?.['controller-revision-hash']}` } });
    await dc.ctx.recorder.flush();
    const created = (await admin.events('default').list()).items.filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'DaemonSet');
    expect(created).toHaveLength(3);
  });

  it('follows nodeSelector and skips nodes with taints it does not tolerate, but tolerates unschedulable nodes', async () => {
    const { admin, podsByNode, status, until } = await setup('ds-placement', [
      node('n1', { disk: 'ssd' }),
      node('n2', { disk: 'hdd' }),
      node('n3', { disk: 'ssd' }, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]),
      node('n4', { disk: 'ssd' }, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
    ]);
    const ds = daemonSet('ssd');
    ds.spec!.template.spec!.nodeSelector = { disk: 'ssd' };
    await admin.daemonsets('default').create(ds);
    await until(async () => (await status('ssd')).numberAvailable === 2);
    expect(Object.keys(await podsByNode('ssd')).sort()).toEqual(['n1', 'n4']);
    expect((await status('ssd')).desiredNumberScheduled).toBe(2);

    // A toleration for the dedicated taint lets it onto n3.
    await admin.daemonsets('default').patch('ssd', 'merge', { spec: { template: { spec: { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } } } });
    await until(async () => (await status('ssd')).numberAvailable === 3 && (await status('ssd')).updatedNumberScheduled === 3);
    expect(Object.keys(await podsByNode('ssd')).sort()).toEqual(['n1', 'n3', 'n4']);
  });

  it('adds a pod for a new node, and removes the pod of a deleted node or one that stops matching', async () => {
    const { admin, podsByNode, status, until } = await setup('ds-nodes', [node('n1', { role: 'edge' }), node('n2', { role: 'edge' })]);
    const ds = daemonSet('edge');
    ds.spec!.template.spec!.nodeSelector = { role: 'edge' };
    await admin.daemonsets('default').create(ds);
    await until(async () => (await status('edge')).numberAvailable === 2);
    await admin.nodes().create(node('n3', { role: 'edge' }));
    await until(async () => (await status('edge')).numberAvailable === 3);
    expect(Object.keys(await podsByNode('edge')).sort()).toEqual(['n1', 'n2', 'n3']);

    await admin.nodes().delete('n2');
    await admin.nodes().patch('n3', 'merge', { metadata: { labels: { role: 'core' } } });
    await until(async () => Object.keys(await podsByNode('edge')).length === 1);
    expect(Object.keys(await podsByNode('edge'))).toEqual(['n1']);
    expect(await status('edge')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('an untolerated NoExecute taint evicts the daemon pod; a NoSchedule one only stops new pods', async () => {
    const { admin, podsByNode, status, until } = await setup('ds-taints', [node('n1'), node('n2')]);
    await admin.daemonsets('default').create(daemonSet('d'));
    await until(async () => (await status('d')).numberAvailable === 2);
    await admin.nodes().patch('n1', 'merge', { spec: { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } });
    await admin.nodes().patch('n2', 'merge', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    await until(async () => !(await podsByNode('d'))['n2'] && (await status('d')).desiredNumberScheduled === 0);
    expect(Object.keys(await podsByNode('d'))).toEqual(['n1']);
    expect(await status('d')).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('RollingUpdate (maxUnavailable 1): replaces pods node by node with the new template, recording a new ControllerRevision', async () => {
    const { cluster, admin, podsByNode, status, until, kubelets } = await setup('ds-rolling', [node('n1'), node('n2'), node('n3')]);
    await admin.daemonsets('default').create(daemonSet('r'));
    await until(async () => (await status('r')).numberAvailable === 3);
    const oldHash = Object.values(await podsByNode('r'))[0]![0]!;
    await admin.daemonsets('default').patch('r', 'merge', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'fluentd:1.17' }] } } } });

    let maxMissing = 0;
    const expectNodes = ['n1', 'n2', 'n3'];
    for (let i = 0; i < 200; i++) {
      await kubelets();
      await cluster.clock.advance(1_000);
      const byNode = await podsByNode('r');
      // Never more than one node without a daemon pod at a time.
      maxMissing = Math.max(maxMissing, expectNodes.filter((n) => !byNode[n]).length);
      const s = await status('r');
      if (s.updatedNumberScheduled === 3 && s.numberAvailable === 3 && s.observedGeneration === 2) break;
    }
    const s = await status('r');
    expect(s).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, desiredNumberScheduled: 3, observedGeneration: 2 });
    expect(maxMissing).toBeLessThanOrEqual(1);
    const byNode = await podsByNode('r');
    expect(Object.values(byNode).flat().every((h) => h !== oldHash)).toBe(true);
    const revisions = ((await admin.controllerrevisions('default').list()).items as appsv1.ControllerRevision[]).map((r) => r.revision).sort();
    expect(revisions).toEqual([1, 2]);
  });

  it('RollingUpdate with maxSurge 1, maxUnavailable 0: starts the new pod beside the old one, so no node is ever without a daemon', async () => {
    const { cluster, admin, podsByNode, status, until, kubelets } = await setup('ds-surge', [node('n1'), node('n2'), node('n3')]);
    await admin.daemonsets('default').create(daemonSet('s', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    await until(async () => (await status('s')).numberAvailable === 3);
    await admin.daemonsets('default').patch('s', 'merge', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'fluentd:1.17' }] } } } });
    let maxPods = 0;
    for (let i = 0; i < 200; i++) {
      await kubelets();
      await cluster.clock.advance(1_000);
      const byNode = await podsByNode('s');
      expect(['n1', 'n2', 'n3'].every((n) => (byNode[n]?.length ?? 0) >= 1)).toBe(true);
      maxPods = Math.max(maxPods, Object.values(byNode).flat().length);
      const st = await status('s');
      if (st.updatedNumberScheduled === 3 && st.numberAvailable === 3 && Object.values(byNode).flat().length === 3) break;
    }
    expect(await status('s')).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
    expect(maxPods).toBe(4);
  });

  it('a failed daemon pod is killed (FailedDaemonPod) and replaced on its node', async () => {
    const { cluster, admin, status, until, dc } = await setup('ds-failed', [node('n1')]);
    await admin.daemonsets('default').create(daemonSet('f'));
    await until(async () => (await status('f')).numberAvailable === 1);
    const pod = ((await admin.pods('default').list({ labelSelector: 'app=f' })).items as corev1.Pod[])[0]!;
    await cluster.client('kubelet').pods('default').updateStatus({ ...pod, status: { ...pod.status, phase: 'Failed', conditions: [{ type: 'Ready', status: 'False' }] } });
    await until(async () => {
      const pods = ((await admin.pods('default').list({ labelSelector: 'app=f' })).items as corev1.Pod[]).filter((p) => !p.metadata?.deletionTimestamp);
      return pods.length === 1 && pods[0]!.metadata?.uid !== pod.metadata?.uid && (await status('f')).numberAvailable === 1;
    });
    await dc.ctx.recorder.flush();
    const events = (await admin.events('default').list()).items.map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain(`FailedDaemonPod: Found failed daemon pod default/${pod.metadata?.name} on node n1, will try to kill it`);
  });

  it('OnDelete: a new template reaches only pods that are deleted by hand', async () => {
    const { cluster, admin, podsByNode, status, until } = await setup('ds-ondelete', [node('n1'), node('n2')]);
    await admin.daemonsets('default').create(daemonSet('o', { updateStrategy: { type: 'OnDelete' } }));
    await until(async () => (await status('o')).numberAvailable === 2);
    await admin.daemonsets('default').patch('o', 'merge', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'fluentd:1.17' }] } } } });
    await until(async () => (await status('o')).observedGeneration === 2);
    await cluster.clock.advance(30_000);
    expect((await status('o')).updatedNumberScheduled).toBe(0);
    const onN1 = ((await admin.pods('default').list({ labelSelector: 'app=o' })).items as corev1.Pod[]).find((p) => p.spec?.nodeName === 'n1')!;
    await admin.pods('default').delete(onN1.metadata!.name!);
    await until(async () => (await status('o')).updatedNumberScheduled === 1 && (await status('o')).numberAvailable === 2);
    expect(Object.keys(await podsByNode('o')).sort()).toEqual(['n1', 'n2']);
  });
});
