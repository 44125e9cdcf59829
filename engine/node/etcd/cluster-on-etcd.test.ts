/**
 * A whole cluster whose apiserver stores everything in a real etcd-server: the nginx Deployment
 * reaches 3 Running pods, and a new cluster on the same etcd finds it all again.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { appsv1, corev1 } from '../../api/types.ts';
import type { Cluster } from '../../cluster/index.ts';
import { RealClock } from '../../util/clock.ts';
import { createCluster } from '../create-cluster.ts';
import { createEtcdKV } from './etcd-kv.ts';
import { startEtcdServer, type EtcdServer } from './etcd-server.ts';

const docs = parseAllDocuments(readFileSync(new URL('../../../examples/nginx-deployment.yaml', import.meta.url), 'utf8')).map((d) => d.toJS());
const namespace = docs.find((d) => d.kind === 'Namespace') as corev1.Namespace;
const deployment = docs.find((d) => d.kind === 'Deployment') as appsv1.Deployment;

let server: EtcdServer;
beforeAll(async () => {
  server = await startEtcdServer();
}, 20_000);
afterAll(async () => {
  await server?.stop();
});

/** A cluster on the etcd, its clock running 20x real time so that image pulls and probes pass quickly. */
async function clusterOnEtcd(): Promise<Cluster<RealClock>> {
  const kv = await createEtcdKV({ endpoints: [server.endpoint], prefix: '/registry-test' });
  return createCluster({ clock: new RealClock(20), kv, nodes: 2 });
}

async function runningPods(c: Cluster<RealClock>): Promise<string[]> {
  for (let i = 0; i < 300; i++) {
    const pods = (await c.client().pods('demo').list()).items;
    const running = pods.filter((p: corev1.Pod) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
    if (running.length === 3 && pods.length === 3) return running.map((p) => p.metadata!.name!).sort();
    await sleep(50);
  }
  throw new Error('the nginx Deployment did not reach 3 Running pods');
}

async function readyReplicas(c: Cluster<RealClock>): Promise<number | undefined> {
  let ready: number | undefined;
  for (let i = 0; i < 300 && ready !== 3; i++) {
    ready = (await c.client().deployments('demo').get('nginx-deployment')).status?.readyReplicas;
    if (ready !== 3) await sleep(50);
  }
  return ready;
}

describe('a cluster on a real etcd', () => {
  it('runs the nginx Deployment to 3 Running pods, and a restarted cluster on the same etcd finds them', async () => {
    const first = await clusterOnEtcd();
    let uid: string | undefined;
    let pods: string[];
    try {
      await first.client().namespaces().create(namespace);
      uid = (await first.client().deployments('demo').create(deployment)).metadata?.uid;
      pods = await runningPods(first);
      expect(pods).toHaveLength(3);
    } finally {
      await first.close();
    }

    const second = await clusterOnEtcd();
    try {
      const found = await second.client().deployments('demo').get('nginx-deployment');
      expect(found.metadata?.uid).toBe(uid);
      expect(await runningPods(second)).toEqual(pods);
      expect(await readyReplicas(second)).toBe(3);
    } finally {
      await second.close();
    }
  }, 60_000);
});
