/**
 * A network partition between a node and the control plane, end to end: the containers keep
 * running behind the cut, the control plane gives up on the node and replaces its pods, and when
 * the partition heals the kubelet finishes the deletions it could not see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../engine/cluster/index.ts';
import { isReady, isTerminating, nginxDeployment, podsWithLabel, waitFor } from './helpers.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('a partitioned node', () => {
  it('keeps its containers running, loses its pods to other nodes, and cleans up after healing', async () => {
    const c = (cluster = await createCluster({ nodes: 3, seed: 'partition' }));
    const kubectl = c.client('kubectl');
    await kubectl.deployments('default').create(nginxDeployment('web', 3));
    await waitFor(c, '3 ready pods', async () => (await podsWithLabel(c, 'default', 'web')).filter(isReady).length === 3);
    const cut = (await podsWithLabel(c, 'default', 'web')).find((p) => p.spec?.nodeName === 'node-1')!;

    c.nodes.partition('node-1');
    expect(c.nodes.get('node-1').state).toBe('Partitioned');
    await waitFor(c, 'replacement pods on the other nodes', async () => {
      const live = (await podsWithLabel(c, 'default', 'web')).filter((p) => !isTerminating(p));
      return live.length === 3 && live.every((p) => p.spec?.nodeName !== 'node-1' && isReady(p));
    }, 10 * 60_000);
    // Behind the cut, the old container still runs: the runtime on node-1 never heard of the eviction.
    const running = await c.nodes.get('node-1').runtime.listContainers({ state: 'CONTAINER_RUNNING' });
    expect(running.length).toBeGreaterThan(0);
    expect((await kubectl.pods('default').get(cut.metadata!.name!)).metadata?.deletionTimestamp).toBeDefined();

    c.nodes.heal('node-1');
    await waitFor(c, 'node-1 Ready again and the evicted pod gone', async () => {
      const node = await kubectl.nodes().get('node-1');
      const ready = node.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
      const gone = await kubectl.pods('default').get(cut.metadata!.name!).then(() => false, () => true);
      return ready && gone;
    }, 5 * 60_000);
    expect(await c.nodes.get('node-1').runtime.listContainers({ state: 'CONTAINER_RUNNING' })).toEqual([]);
    const taints = (await kubectl.nodes().get('node-1')).spec?.taints ?? [];
    expect(taints.filter((t) => t.key.startsWith('node.kubernetes.io/unreachable'))).toEqual([]);
  });
});
