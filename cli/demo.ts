/**
 * `npm start` (until the course runner exists): builds a cluster on the embedded store and a
 * virtual clock, applies the Kubernetes docs' nginx Deployment, and shows what the apiserver does
 * with it — defaults, resourceVersions, watch events, optimistic concurrency, validation,
 * finalizers — then the store's revisions and the trace of every API write.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { isStatusError } from '../engine/api/errors.ts';
import type { appsv1, corev1 } from '../engine/api/types.ts';
import { formatTraceEntry } from '../engine/cluster/index.ts';
import { createCluster } from '../engine/node/index.ts';
import { prefixEnd } from '../engine/store/kv.ts';
import { applyObject, parseManifests } from './apply.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
let clusterForSteps: { clock: { advance(ms: number): Promise<void> } } | undefined;
/** Each step starts 5 s of cluster time after the last, so the trace shows the order in time. */
async function step(title: string): Promise<void> {
  await clusterForSteps?.clock.advance(5_000);
  console.log(`\n${bold(`## ${title}`)}`);
}
const cmd = (s: string) => console.log(dim(`$ ${s}`));

async function main(): Promise<void> {
  const cluster = await createCluster({ seed: 'demo' });
  clusterForSteps = cluster;
  const start = cluster.clock.now();
  const kubectl = cluster.client('kubectl');

  await step('A cluster: an MVCC store, an apiserver on top, a virtual clock');
  const namespaces = await kubectl.namespaces().list();
  console.log(`store revision ${cluster.kv.currentRevision()}; namespaces: ${namespaces.items.map((n) => n.metadata?.name).join(', ')}`);

  await step('Watch deployments in every namespace, from now on');
  cmd('kubectl get deployments -A --watch');
  const deployments = await kubectl.deployments().list();
  const watch = kubectl.deployments().watch({ resourceVersion: deployments.metadata.resourceVersion }, (e) => {
    const o = e.object as appsv1.Deployment;
    console.log(dim(`   watch: ${e.type.padEnd(8)} deployment ${o.metadata?.namespace}/${o.metadata?.name} rv=${o.metadata?.resourceVersion} generation=${o.metadata?.generation}`));
  });

  await step('Apply the nginx Deployment from the Kubernetes docs');
  cmd('kubectl apply -f examples/nginx-deployment.yaml');
  for (const obj of parseManifests(readFileSync(join(root, 'examples/nginx-deployment.yaml'), 'utf8'))) {
    const r = await applyObject(kubectl, obj);
    console.log(`${r.name} ${r.action}${r.error ? `: ${r.error}` : ''}`);
  }
  await cluster.clock.flush();

  await step('What the apiserver filled in: defaults, uid, resourceVersion, generation');
  cmd('kubectl get deployment nginx-deployment -n demo -o yaml');
  const web = await kubectl.deployments('demo').get('nginx-deployment');
  const { metadata, spec } = web;
  console.log(
    stringify({
      metadata: { name: metadata?.name, uid: metadata?.uid, resourceVersion: metadata?.resourceVersion, generation: metadata?.generation, creationTimestamp: metadata?.creationTimestamp },
      spec: { replicas: spec?.replicas, strategy: spec?.strategy, revisionHistoryLimit: spec?.revisionHistoryLimit, progressDeadlineSeconds: spec?.progressDeadlineSeconds },
      'spec.template.spec (defaults)': {
        restartPolicy: spec?.template.spec?.restartPolicy,
        terminationGracePeriodSeconds: spec?.template.spec?.terminationGracePeriodSeconds,
        dnsPolicy: spec?.template.spec?.dnsPolicy,
        schedulerName: spec?.template.spec?.schedulerName,
        'containers[0].imagePullPolicy': spec?.template.spec?.containers[0]?.imagePullPolicy,
        'containers[0].ports[0].protocol': spec?.template.spec?.containers[0]?.ports?.[0]?.protocol,
      },
    }).trimEnd(),
  );

  await step('Scale through the scale subresource: the spec changes, so generation goes up');
  cmd('kubectl scale deployment nginx-deployment -n demo --replicas=5');
  const scale = await kubectl.deployments('demo').getScale('nginx-deployment');
  await kubectl.deployments('demo').updateScale('nginx-deployment', { ...scale, spec: { replicas: 5 } });
  await cluster.clock.flush();

  await step('Optimistic concurrency: writing with a stale resourceVersion is a 409');
  cmd(`kubectl replace (with resourceVersion ${metadata?.resourceVersion}, read before the scale)`);
  await show(kubectl.deployments('demo').update({ ...web, spec: { ...spec!, replicas: 2 } }));

  await step('Validation: a broken manifest is a 422 with field paths, and nothing is stored');
  cmd('kubectl apply -f examples/invalid-deployment.yaml');
  for (const obj of parseManifests(readFileSync(join(root, 'examples/invalid-deployment.yaml'), 'utf8'))) {
    const r = await applyObject(kubectl, obj);
    console.log(`${r.name} ${r.action}${r.error ? `:\n  ${r.error}` : ''}`);
  }

  await step('Finalizers: delete only marks the object until its last finalizer is removed');
  const held: corev1.ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'demo', finalizers: ['demo.tinykube.dev/hold'] }, data: { a: '1' } };
  await kubectl.configmaps('demo').create(held);
  cmd('kubectl delete configmap held -n demo');
  const marked = await kubectl.configmaps('demo').delete('held');
  console.log(`still there: deletionTimestamp=${marked.metadata?.deletionTimestamp}, finalizers=${JSON.stringify(marked.metadata?.finalizers)}`);
  cmd(`kubectl patch configmap held -n demo --type=merge -p '{"metadata":{"finalizers":null}}'`);
  await kubectl.withUser('demo-controller', 'release the hold').configmaps('demo').patch('held', 'merge', { metadata: { finalizers: null } });
  await show(kubectl.configmaps('demo').get('held'), 'configmap held is still there');

  await step('The store underneath: one key per object, with etcd revisions and versions');
  cmd('etcdctl get /registry/ --prefix --keys-only (with revisions)');
  const range = await cluster.kv.range('/registry/', { rangeEnd: prefixEnd('/registry/') });
  for (const kv of range.kvs) {
    console.log(`${kv.key.padEnd(52)} create=${String(kv.createRevision).padStart(3)} mod=${String(kv.modRevision).padStart(3)} version=${kv.version}`);
  }
  console.log(`store revision ${range.header.revision}`);

  await step('The trace: every API write, who made it and why');
  for (const e of cluster.trace.entries()) console.log(formatTraceEntry(e, start));

  watch.stop();
  await cluster.close();
  console.log(`\n${bold('Next')}: the scheduler, kubelets and controllers that turn this Deployment into running pods arrive in the next chapters.`);
}

async function show(p: Promise<unknown>, ok = 'ok'): Promise<void> {
  try {
    await p;
    console.log(ok);
  } catch (err) {
    if (!isStatusError(err)) throw err;
    console.log(`Error from server (${err.reason}): ${err.message}`);
  }
}

await main();
