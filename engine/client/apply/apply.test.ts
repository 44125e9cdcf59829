/**
 * `kubectl apply -f` and `kubectl delete -f` against a real apiserver (no nodes: nothing but the
 * test writes to the objects).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { applyManifests } from './apply.ts';
import { deleteManifests } from './delete.ts';
import { LAST_APPLIED_CONFIG_ANNOTATION } from './last-applied.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function start() {
  cluster = await createCluster({ seed: 'apply' });
  return { kubectl: cluster.client('kubectl'), admin: cluster.client() };
}

interface Options {
  image?: string;
  labels?: string;
  /** null: the manifest omits replicas. */
  replicas?: number | null;
  sidecar?: boolean;
}

/** A Deployment manifest as a user writes it. */
function web({ image = 'nginx:1.25', labels = 'app: web\n    tier: fe', replicas = 2, sidecar = false }: Options = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    ${labels}
spec:
${replicas === null ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
${sidecar ? '      - name: log\n        image: busybox\n' : ''}`;
}

describe('applyManifests', () => {
  it('creates a missing object and records the manifest in the last-applied annotation', async () => {
    const { kubectl, admin } = await start();
    expect(await applyManifests(kubectl, web())).toEqual({ ok: true, lines: ['deployment.apps/web created'] });
    const live = await admin.deployments('default').get('web');
    const annotation = live.metadata?.annotations?.[LAST_APPLIED_CONFIG_ANNOTATION] ?? '';
    expect(annotation.endsWith('}\n')).toBe(true);
    const recorded = JSON.parse(annotation) as { metadata: Record<string, unknown>; spec: { replicas: number } };
    expect(recorded.metadata).toEqual({ name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' } });
    expect(recorded.spec.replicas).toBe(2);
  });

  it('sends nothing when the same manifest is applied again: unchanged', async () => {
    const { kubectl } = await start();
    await applyManifests(kubectl, web());
    const writesBefore = cluster!.trace.last(1000).filter((e) => e.verb === 'patch').length;
    expect(await applyManifests(kubectl, web())).toEqual({ ok: true, lines: ['deployment.apps/web unchanged'] });
    expect(cluster!.trace.last(1000).filter((e) => e.verb === 'patch').length).toBe(writesBefore);
  });

  it('patches a changed image: configured, and the live object runs the new image', async () => {
    const { kubectl, admin } = await start();
    await applyManifests(kubectl, web());
    expect(await applyManifests(kubectl, web({ image: 'nginx:1.27' }))).toEqual({ ok: true, lines: ['deployment.apps/web configured'] });
    const live = await admin.deployments('default').get('web');
    expect(live.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.27']);
    expect(live.spec?.template.spec?.containers[0]?.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it("removes a label dropped from the manifest and keeps one someone else added", async () => {
    const { kubectl, admin } = await start();
    await applyManifests(kubectl, web());
    await admin.deployments('default').patch('web', 'merge', { metadata: { labels: { team: 'blue' } } });
    await applyManifests(kubectl, web({ labels: 'app: web' }));
    const live = await admin.deployments('default').get('web');
    expect(live.metadata?.labels).toEqual({ app: 'web', team: 'blue' });
  });

  it('keeps the replicas set by kubectl scale when the manifest omits replicas', async () => {
    const { kubectl, admin } = await start();
    const deployments = admin.deployments('default');
    await applyManifests(kubectl, web({ replicas: null }));
    const scale = await deployments.getScale('web');
    await deployments.updateScale('web', { ...scale, spec: { replicas: 5 } });
    expect(await applyManifests(kubectl, web({ replicas: null, image: 'nginx:1.27' }))).toMatchObject({ ok: true });
    const live = await deployments.get('web');
    expect(live.spec?.replicas).toBe(5);
    expect(live.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.27');
  });

  it('removes a second container dropped from the manifest', async () => {
    const { kubectl, admin } = await start();
    await applyManifests(kubectl, web({ sidecar: true }));
    expect((await admin.deployments('default').get('web')).spec?.template.spec?.containers.map((c) => c.name)).toEqual(['web', 'log']);
    expect(await applyManifests(kubectl, web())).toEqual({ ok: true, lines: ['deployment.apps/web configured'] });
    expect((await admin.deployments('default').get('web')).spec?.template.spec?.containers.map((c) => c.name)).toEqual(['web']);
  });

  it('applies every document of a stream, naming core kinds without a group', async () => {
    const { kubectl } = await start();
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1"}\n';
    expect(await applyManifests(kubectl, `${cm}---\n${web()}`)).toEqual({
      ok: true,
      lines: ['configmap/cfg created', 'deployment.apps/web created'],
    });
  });

  it('warns and patches the annotation in for an object made without apply, deleting nothing', async () => {
    const { kubectl, admin } = await start();
    await admin.configmaps('default').create({ metadata: { name: 'cfg' }, data: { a: '1', b: '2' } });
    const result = await applyManifests(kubectl, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1"}\n');
    expect(result.lines).toEqual([
      expect.stringMatching(/^Warning: resource configmaps\/cfg is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/),
      'configmap/cfg configured',
    ]);
    const live = await admin.configmaps('default').get('cfg');
    expect(live.data).toEqual({ a: '1', b: '2' });
    expect(live.metadata?.annotations?.[LAST_APPLIED_CONFIG_ANNOTATION]).toContain('"data":{"a":"1"}');
  });

  it('switches a Deployment to Recreate, clearing the defaulted rollingUpdate through $retainKeys', async () => {
    const { kubectl, admin } = await start();
    await applyManifests(kubectl, web());
    expect((await admin.deployments('default').get('web')).spec?.strategy?.rollingUpdate).toBeDefined();
    const recreate = web().replace('spec:\n  replicas', 'spec:\n  strategy: {type: Recreate}\n  replicas');
    expect(await applyManifests(kubectl, recreate)).toEqual({ ok: true, lines: ['deployment.apps/web configured'] });
    expect((await admin.deployments('default').get('web')).spec?.strategy).toEqual({ type: 'Recreate' });
  });

  it('retries a 409 Conflict once with a fresh GET, then reports it with the patch it sent', async () => {
    const { kubectl } = await start();
    await applyManifests(kubectl, web());
    const stale = web({ image: 'nginx:1.27' }).replace('  name: web\n', '  name: web\n  resourceVersion: "1"\n');
    const patchesBefore = cluster!.trace.last(1000).filter((e) => e.verb === 'patch').length;
    const result = await applyManifests(kubectl, stale);
    expect(cluster!.trace.last(1000).filter((e) => e.verb === 'patch').length - patchesBefore).toBe(2);
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toBe('Error from server (Conflict): error when applying patch:');
    expect(result.lines).toContain('Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"');
    expect(result.lines.at(-1)).toMatch(/^for: "STDIN": error when patching "STDIN": Operation cannot be fulfilled on deployments.apps "web"/);
  });

  it("reports an unknown kind in kubectl's words and still applies the rest", async () => {
    const { kubectl } = await start();
    const crd = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ns1}\n';
    const result = await applyManifests(kubectl, `${crd}---\n${web()}`, { source: 'app.yaml' });
    expect(result).toEqual({
      ok: false,
      lines: [
        'deployment.apps/web created',
        'error: resource mapping not found for name: "w" namespace: "ns1" from "app.yaml": no matches for kind "Widget" in version "example.com/v1"',
        'ensure CRDs are installed first',
      ],
    });
  });

  it('stops at a YAML syntax error before sending anything', async () => {
    const { kubectl, admin } = await start();
    const result = await applyManifests(kubectl, `${web()}---\nkind: [unclosed\n`);
    expect(result.ok).toBe(false);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^error: error parsing STDIN: /);
    expect((await admin.deployments('default').list()).items).toEqual([]);
  });

  it('reads YAML as kubectl does (YAML 1.1): a leading-zero file mode is octal', async () => {
    const { kubectl, admin } = await start();
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: modes}
spec:
  containers: [{name: c, image: busybox}]
  volumes:
  - name: cfg
    configMap: {name: cfg, defaultMode: 0400}
`;
    expect(await applyManifests(kubectl, pod)).toEqual({ ok: true, lines: ['pod/modes created'] });
    const live = await admin.pods('default').get('modes');
    expect(live.spec?.volumes?.[0]?.configMap?.defaultMode).toBe(0o400);
  });

  it('prints a 422 with one line per cause', async () => {
    const { kubectl } = await start();
    const result = await applyManifests(kubectl, web({ replicas: -1 }));
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toMatch(/^Error from server \(Invalid\): error when creating "STDIN": Deployment.apps "web" is invalid: /);
    expect(result.lines).toContain('* spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('deleteManifests', () => {
  it('deletes each object, then reports NotFound the second time', async () => {
    const { kubectl, admin } = await start();
    await applyManifests(kubectl, web());
    expect(await deleteManifests(kubectl, web())).toEqual({ ok: true, lines: ['deployment.apps "web" deleted'] });
    expect((await admin.deployments('default').list()).items).toEqual([]);
    expect(await deleteManifests(kubectl, web(), { source: 'web.yaml' })).toEqual({
      ok: false,
      lines: ['Error from server (NotFound): error when deleting "web.yaml": deployments.apps "web" not found'],
    });
  });
});
