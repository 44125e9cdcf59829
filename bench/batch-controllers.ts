/**
 * Job / CronJob / DaemonSet controllers: the pure decisions per second, and the wall time for a
 * DaemonSet to put a pod on every node of a large cluster (virtual clock, no kubelets).
 * Prints figures; asserts nothing.
 */
import type { appsv1 } from '../engine/api/types.ts';
import { createCluster } from '../engine/cluster/index.ts';
import type { JobPodInfo, ManageJobInput } from '../engine/controllers/job/manage-job.ts';
import { mostRecentScheduleTime, parseSchedule } from '../engine/controllers/cronjob/schedule.ts';
import { daemonSetController } from '../engine/controllers/daemonset/daemonset-controller.ts';
import { runController } from '../engine/controllers/replicaset/testing/index.ts';
import { manageJob } from '../solutions/controllers/job/manage-job.ts';

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(1000, n); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(52)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} ops/s`);
}

export async function run(): Promise<void> {
  const t = Date.UTC(2025, 0, 1);
  for (const spec of ['*/5 * * * *', '0 9 * * 1-5', '0 0 29 2 *']) {
    const r = parseSchedule(spec);
    if (!r.ok) continue;
    rate(`schedule.next('${spec}')`, 20_000, (i) => void r.schedule.next(t + i * 60_000));
  }
  const every = parseSchedule('* * * * *');
  if (every.ok) rate('mostRecentScheduleTime, 1 day of missed minutes', 200, () => void mostRecentScheduleTime(every.schedule, t, t + 86_400_000));
  const active: JobPodInfo[] = Array.from({ length: 50 }, (_, i) => ({ name: `p${i}`, assigned: true, running: true, ready: i % 3 !== 0, created: i }));
  const input: ManageJobInput = {
    completions: 1000, parallelism: 20, completionMode: 'NonIndexed', backoffLimit: 6, suspend: false,
    active, succeeded: 400, succeededIndexes: [], failed: 2, activeRestarts: 0, deadlineExceeded: false,
  };
  rate('manageJob (50 active, scale down to 20)', 50_000, () => void manageJob(input));

  const cluster = await createCluster({ seed: 'bench-ds' });
  const admin = cluster.client('kubectl');
  const N = 200;
  for (let i = 0; i < N; i++) await admin.nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n${i}` } });
  const dc = await runController(cluster, 'daemonset-controller', daemonSetController());
  const ds: appsv1.DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } } },
  };
  const t0 = performance.now();
  await admin.daemonsets('default').create(ds);
  await cluster.clock.runUntil(async () => (await admin.daemonsets('default').get('agent')).status?.currentNumberScheduled === N, { timeoutMs: 600_000 });
  console.log(`   DaemonSet on ${N} nodes: all pods created in ${Math.round(performance.now() - t0)} ms wall`);
  await dc.stop();
  await cluster.close();
}
