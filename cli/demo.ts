/**
 * `npm run demo`: builds a three-node cluster on the embedded store
 * and a virtual clock, applies the Kubernetes docs' nginx Deployment, and shows what every
 * component does with it — the apiserver's defaults and errors, the scheduler's placement, the
 * kubelets' containers, a node failure five simulated minutes long — then the trace of every
 * API write.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStatusError } from '../engine/api/errors.ts';
import type { appsv1, corev1 } from '../engine/api/types.ts';
import { formatTraceEntry } from '../engine/cluster/index.ts';
import { createCluster } from '../engine/node/index.ts';
import { applyObject, parseManifests } from './apply.ts';
import { age, table } from './table.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
const step = (title: string) => console.log(`\n${bold(`## ${title}`)}`);
const cmd = (s: string) => console.log(dim(`$ ${s}`));

const cluster = await createCluster({ nodes: 3, seed: 'demo' });
const kubectl = cluster.client('kubectl');
const start = cluster.clock.now();
const clockText = () => `cluster time +${((cluster.clock.now() - start) / 1000).toFixed(0)}s`;
const ready = (p: corev1.Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

async function getPods(): Promise<void> {
  cmd('kubectl get pods -n demo -o wide');
  const pods = (await kubectl.pods('demo').list()).items;
  console.log(
    table(
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE'],
      pods.map((p) => {
        const cs = p.status?.containerStatuses ?? [];
        const status = p.metadata?.deletionTimestamp ? 'Terminating' : (cs[0]?.state?.waiting?.reason ?? p.status?.phase ?? '');
        return [p.metadata!.name!, `${cs.filter((c) => c.ready).length}/${p.spec?.containers.length}`, status, String(cs.reduce((n, c) => n + c.restartCount, 0)), age(p.metadata?.creationTimestamp, cluster.clock.now()), p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>'];
      }),
    ),
  );
}

async function until(what: string, predicate: () => Promise<boolean>, timeoutMs = 10 * 60_000): Promise<void> {
  const t0 = cluster.clock.now();
  const ok = await cluster.clock.runUntil(predicate, { timeoutMs });
  console.log(dim(`   ${ok ? '' : 'NOT '}${what} after ${((cluster.clock.now() - t0) / 1000).toFixed(0)} s of cluster time (${clockText()})`));
}

step('A cluster: store, apiserver, scheduler, controller-manager, three nodes — on a virtual clock');
cmd('kubectl get nodes');
console.log(
  table(
    ['NAME', 'STATUS', 'CPU', 'MEMORY', 'ZONE', 'POD CIDR'],
    (await kubectl.nodes().list()).items.map((n) => [
      n.metadata!.name!,
      n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady',
      String(n.status?.capacity?.cpu),
      String(n.status?.capacity?.memory),
      n.metadata?.labels?.['topology.kubernetes.io/zone'] ?? '',
      n.spec?.podCIDR ?? '',
    ]),
  ),
);

step('Apply the nginx Deployment from the Kubernetes docs');
cmd('kubectl apply -f examples/nginx-deployment.yaml');
for (const obj of parseManifests(readFileSync(join(root, 'examples/nginx-deployment.yaml'), 'utf8'))) {
  const r = await applyObject(kubectl, obj);
  console.log(`${r.name} ${r.action}${r.error ? `: ${r.error}` : ''}`);
}
await until('3 pods Running and Ready', async () => (await kubectl.pods('demo').list()).items.filter(ready).length === 3);
await getPods();
const first = (await kubectl.pods('demo').list()).items[0]!;
cmd(`kubectl describe pod ${first.metadata?.name} -n demo   # events`);
const events = (await kubectl.events('demo').list()).items
  .filter((e) => e.involvedObject.name === first.metadata?.name)
  .sort((a, b) => Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion)); // in the order they were recorded
console.log(table(['REASON', 'FROM', 'MESSAGE'], events.map((e) => [e.reason ?? '', e.source?.component ?? '', e.message ?? ''])));

step('What the apiserver filled in, and how it refuses bad writes');
const web = await kubectl.deployments('demo').get('nginx-deployment');
console.log(`defaults: strategy ${web.spec?.strategy?.type} maxSurge ${web.spec?.strategy?.rollingUpdate?.maxSurge} maxUnavailable ${web.spec?.strategy?.rollingUpdate?.maxUnavailable}, revisionHistoryLimit ${web.spec?.revisionHistoryLimit}, imagePullPolicy ${web.spec?.template.spec?.containers[0]?.imagePullPolicy}, restartPolicy ${web.spec?.template.spec?.restartPolicy}`);
cmd('kubectl replace  # with a resourceVersion that is no longer current');
await show(kubectl.deployments('demo').update({ ...web, metadata: { ...web.metadata, resourceVersion: '5' } }));
cmd('kubectl apply -f examples/invalid-deployment.yaml');
for (const obj of parseManifests(readFileSync(join(root, 'examples/invalid-deployment.yaml'), 'utf8'))) {
  const r = await applyObject(kubectl, obj);
  console.log(`${r.name} ${r.action}${r.error ? `:\n  ${r.error}` : ''}`);
}

step('Roll out a new image: maxSurge 25% rounds up, maxUnavailable 25% rounds down');
cmd('kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 -n demo');
await kubectl.deployments('demo').patch('nginx-deployment', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
await until('rollout complete', async () => {
  const d = await kubectl.deployments('demo').get('nginx-deployment');
  return d.status?.updatedReplicas === 3 && d.status?.availableReplicas === 3 && d.status?.replicas === 3;
});
cmd('kubectl get replicasets -n demo');
console.log(table(['NAME', 'DESIRED', 'CURRENT', 'READY', 'IMAGE'], (await kubectl.replicasets('demo').list()).items.map((r: appsv1.ReplicaSet) => [r.metadata!.name!, String(r.spec?.replicas), String(r.status?.replicas ?? 0), String(r.status?.readyReplicas ?? 0), r.spec?.template?.spec?.containers[0]?.image ?? ''])));

step('A node fails: after the 50 s grace period it is NotReady; 300 s later its pods move');
const victim = (await kubectl.pods('demo').list()).items.find((p) => !p.metadata?.deletionTimestamp)!;
const node = victim.spec!.nodeName!;
cmd(`(power off ${node})`);
await cluster.nodes.stop(node);
await until(`${node} NotReady`, async () => (await kubectl.nodes().get(node)).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown');
await until('3 Ready pods on the other nodes', async () => {
  const live = (await kubectl.pods('demo').list()).items.filter((p) => !p.metadata?.deletionTimestamp);
  return live.length === 3 && live.every((p) => p.spec?.nodeName !== node && ready(p));
});
await getPods();

step('The trace: every API write, who made it and why (the last 12 of them)');
const entries = cluster.trace.entries();
const byUser = new Map<string, number>();
for (const e of entries) byUser.set(e.user, (byUser.get(e.user) ?? 0) + 1);
console.log(`${entries.length} writes: ${[...byUser].sort((a, b) => b[1] - a[1]).map(([u, n]) => `${u} ${n}`).join(', ')}`);
for (const e of entries.slice(-12)) console.log(formatTraceEntry(e, start));
console.log(`store revision ${cluster.kv.currentRevision()}; ${clockText()}, in ${(performance.now() / 1000).toFixed(1)} s of wall time`);

await cluster.close();

async function show(p: Promise<unknown>, ok = 'ok'): Promise<void> {
  try {
    await p;
    console.log(ok);
  } catch (err) {
    if (!isStatusError(err)) throw err;
    console.log(`Error from server (${err.reason}): ${err.message}`);
  }
}
