/**
 * @kubernetes/client-node with the kubeconfig `tinykube up` writes, as a user would load it
 * (KubeConfig.loadFromFile): HTTPS with the cluster's self-signed CA and the bearer token, no
 * skipTLSVerify — list, create and a watch through the TLS front.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { UP_DEFAULTS } from '../../cli/up/args.ts';
import { startUp, type RunningUp } from '../../cli/up/up.ts';

describe('@kubernetes/client-node with the kubeconfig of tinykube up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinykube-client-node-'));
  let up: RunningUp;
  let kc: KubeConfig;

  beforeAll(async () => {
    up = await startUp({ ...UP_DEFAULTS, port: 0, nodes: 0, dataDir }, { log: () => {}, warn: () => {} });
    kc = new KubeConfig();
    kc.loadFromFile(up.kubeconfigPath);
  });
  afterAll(async () => {
    await up?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('talks HTTPS to the server, trusting its CA, with the token', async () => {
    expect(kc.getCurrentCluster()).toMatchObject({ server: up.url, skipTLSVerify: false });
    expect(up.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
  });

  it('is refused without the token (401), even over TLS', async () => {
    const anonymous = new KubeConfig();
    anonymous.loadFromOptions({
      clusters: [{ name: 'c', server: up.url, caData: kc.getCurrentCluster()!.caData }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    await expect(anonymous.makeApiClient(CoreV1Api).listNamespace()).rejects.toMatchObject({ code: 401 });
  });

  it('watches a ConfigMap being created through the TLS front', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const seen: string[] = [];
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const abort = await new Watch(kc).watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: V1ConfigMap) => seen.push(`${type} ${obj.metadata?.name}`),
      () => {},
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'over-tls' }, data: { a: 'b' } } });
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    abort.abort();
    expect(seen).toEqual(['ADDED over-tls']);
  });
});
