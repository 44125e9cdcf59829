/**
 * Jobs and DaemonSets end to end: real kubelets run the pods, the controllers react to what the
 * runtime reports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../engine/cluster/index.ts';
import { waitFor } from './helpers.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('batch and daemons end to end', () => {
  it('a Job of busybox pods (3 completions, 2 at a time) runs to completion and reports Complete', async () => {
    const c = (cluster = await createCluster({ nodes: 2, seed: 'job' }));
    const kubectl = c.client('kubectl');
    await kubectl.jobs('default').create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'count' },
      spec: {
        completions: 3,
        parallelism: 2,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done'] }] } },
      },
    });
    await waitFor(c, 'Job Complete', async () => {
      const j = await kubectl.jobs('default').get('count');
      return j.status?.conditions?.some((x) => x.type === 'Complete' && x.status === 'True') ?? false;
    });
    const j = await kubectl.jobs('default').get('count');
    expect(j.status?.succeeded).toBe(3);
    const pods = (await kubectl.pods('default').list({ labelSelector: 'batch.kubernetes.io/job-name=count' })).items;
    expect(pods.filter((p) => p.status?.phase === 'Succeeded')).toHaveLength(3);
  });

  it('a DaemonSet runs one Ready pod on every node', async () => {
    const c = (cluster = await createCluster({ nodes: 3, seed: 'ds' }));
    const kubectl = c.client('kubectl');
    await kubectl.daemonsets('kube-system').create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox', command: ['sh', '-c', 'while true; do sleep 10; done'] }] } },
      },
    });
    await waitFor(c, '3 ready daemon pods', async () => (await kubectl.daemonsets('kube-system').get('agent')).status?.numberReady === 3);
    const pods = (await kubectl.pods('kube-system').list({ labelSelector: 'app=agent' })).items;
    expect(new Set(pods.map((p) => p.spec?.nodeName))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  });
});
