/**
 * @kubernetes/client-node 1.4.0 — what a TypeScript user reaches for — against the HTTP API server
 * in process: list namespaces and pods, create a ConfigMap, and watch pods through its Watch class
 * (ADDED, MODIFIED, DELETED). 1.4.0 talks to an http:// server only with `skipTLSVerify: true`
 * on the cluster entry (see /work/shared/TOOLCHAIN.md); 2.x needs Node 22.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { RealClock } from '../../engine/util/clock.ts';
import { createCluster } from '../../engine/node/create-cluster.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import { createHttpApiServer, type HttpApiServer } from '../../engine/node/http/index.ts';
const TOKEN = 'client-node-test-token-0123456789';

describe('@kubernetes/client-node against the HTTP API server', () => {
  let cluster: Cluster<RealClock>;
  let server: HttpApiServer;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeAll(async () => {
    cluster = await createCluster({ clock: new RealClock(1) });
    server = await createHttpApiServer({ cluster, port: 0, token: TOKEN });
    kc = kubeConfig(server.url, TOKEN);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.close();
  });

  it('lists the namespaces the apiserver bootstraps', async () => {
    const list = await core.listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('creates a ConfigMap and reads it back, as the API returns it', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-client-node' }, data: { greeting: 'hello' } },
    });
    expect(created.metadata?.uid).toBeTruthy();
    const read = await core.readNamespacedConfigMap({ name: 'from-client-node', namespace: 'default' });
    expect(read.data).toEqual({ greeting: 'hello' });
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  it('reports a missing object as an ApiException with code 404', async () => {
    await expect(core.readNamespacedConfigMap({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
  });

  it('rejects a wrong token with 401', async () => {
    const bad = kubeConfig(server.url, 'wrong-token-wrong-token-wrong').makeApiClient(CoreV1Api);
    await expect(bad.listNamespace()).rejects.toMatchObject({ code: 401 });
  });

  it('lists pods and watches one being added, modified and deleted', async () => {
    const events: Array<[string, string | undefined]> = [];
    const before = await core.listNamespacedPod({ namespace: 'default' });
    const watch = new Watch(kc);
    const abort = await watch.watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: before.metadata?.resourceVersion },
      (type, obj: V1Pod) => events.push([type, obj.metadata?.labels?.step]),
      () => {},
    );
    const pod: V1Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watched', labels: { step: 'one' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    await core.createNamespacedPod({ namespace: 'default', body: pod });
    const current = await core.readNamespacedPod({ name: 'watched', namespace: 'default' });
    await core.replaceNamespacedPod({ name: 'watched', namespace: 'default', body: { ...current, metadata: { ...current.metadata, labels: { step: 'two' } } } });
    await core.deleteNamespacedPod({ name: 'watched', namespace: 'default', gracePeriodSeconds: 0 });
    for (let i = 0; i < 200 && !events.some(([t]) => t === 'DELETED'); i++) await new Promise((r) => setTimeout(r, 25));
    abort.abort();
    expect(events.filter(([t]) => t !== 'BOOKMARK')).toEqual([
      ['ADDED', 'one'],
      ['MODIFIED', 'two'],
      ['DELETED', 'two'],
    ]);
  });
});

function kubeConfig(server: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'tinykube', server, skipTLSVerify: true }],
    users: [{ name: 'tinykube', token }],
    contexts: [{ name: 'tinykube', cluster: 'tinykube', user: 'tinykube' }],
    currentContext: 'tinykube',
  });
  return kc;
}
