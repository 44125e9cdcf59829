/**
 * Pristine tests of the exercise `volume-mounts` (part `volume.mounts`): pods on a cluster whose
 * container runtime resolves every file path through the graded part, checked the way a user
 * would — with `kubectl logs` of busybox containers that write and read through their mounts —
 * then the part's edge cases one by one (engine/runtime/mounts-suite.ts).
 *
 * Upstream behaviour checked here (website concepts/storage/volumes.md "Using subPath",
 * tasks/configure-pod-container/configure-volume-storage.md): volumeMounts are bind mounts, a
 * nested mount hides its parent's directory, subPath mounts a directory inside the volume
 * (created by the kubelet when missing), and a readOnly mount makes writes fail with
 * `Read-only file system`.
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ResolveMount } from '../../engine/runtime/container-fs.ts';
import { mountsCases } from '../../engine/runtime/mounts-suite.ts';
import { busyboxPod, claim, podLogs } from '../../engine/controllers/volume/testing.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { waitFor } from './helpers.ts';

const NS = 'default';

function container(name: string, script: string, mounts: corev1.VolumeMount[]): corev1.Container {
  return { name, image: 'busybox:1.36', command: ['sh', '-c', script], volumeMounts: mounts };
}

async function run(c: Cluster, t: CaseContext, pod: corev1.Pod): Promise<void> {
  await c.client('kubectl').pods(NS).create(pod);
  const scripts = (pod.spec?.containers ?? []).map((k) => `${k.name}: \`${k.command?.[2]}\` with ${(k.volumeMounts ?? []).map((m) => `${m.name}→${m.mountPath}${m.subPath ? ` (subPath ${m.subPath})` : ''}${m.readOnly ? ' (readOnly)' : ''}`).join(', ')}`);
  t.step(`created pod ${pod.metadata?.name}: ${scripts.join('; ')}`);
  await waitFor(c, `pod ${pod.metadata?.name} has finished`, async () => ['Succeeded', 'Failed'].includes((await c.client().pods(NS).get(pod.metadata?.name ?? '')).status?.phase ?? ''), 120_000);
}

async function logs(c: Cluster, t: CaseContext, pod: string, container?: string): Promise<string[]> {
  const lines = await podLogs(c, NS, pod, container);
  t.step(`kubectl logs ${pod}${container ? ` -c ${container}` : ''}: ${JSON.stringify(lines)}`);
  return lines;
}

const clusterCases: GradeCase<ResolveMount>[] = [
  {
    name: 'a volume mounted at /srv/logs inside a volume mounted at /srv gets the files written below /srv/logs',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      await run(c, t, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'nested' },
        spec: {
          restartPolicy: 'Never',
          volumes: [{ name: 'srv', emptyDir: {} }, { name: 'logs', emptyDir: {} }],
          containers: [
            container('app', 'echo started > /srv/logs/today.log; echo home > /srv/index.html', [{ name: 'srv', mountPath: '/srv' }, { name: 'logs', mountPath: '/srv/logs' }]),
            container('viewer', 'sleep 5; cat /logs/today.log; cat /www/index.html', [{ name: 'logs', mountPath: '/logs' }, { name: 'srv', mountPath: '/www' }]),
          ],
        },
      });
      expect(await logs(c, t, 'nested', 'app')).toEqual([]);
      expect(await logs(c, t, 'nested', 'viewer')).toEqual(['started', 'home']);
    },
  },
  {
    name: 'subPath html: a file written at /site/index.html lands in the volume at html/index.html',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      await run(c, t, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'sub' },
        spec: {
          restartPolicy: 'Never',
          volumes: [{ name: 'site', emptyDir: {} }],
          containers: [
            container('writer', 'echo hello > /site/index.html; ls /site', [{ name: 'site', mountPath: '/site', subPath: 'html' }]),
            container('reader', 'sleep 5; cat /all/html/index.html; ls /all', [{ name: 'site', mountPath: '/all' }]),
          ],
        },
      });
      expect(await logs(c, t, 'sub', 'writer')).toEqual(['index.html']);
      expect(await logs(c, t, 'sub', 'reader')).toEqual(['hello', 'html']);
    },
  },
  {
    name: 'a readOnly mount refuses writes with `Read-only file system`; a writable mount below it still accepts them',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      await run(c, t, busyboxPod(
        'ro',
        'echo x > /config/app.conf; echo y > /config/cache/tmp && echo cache-ok; cat /config/cache/tmp',
        [{ name: 'config', emptyDir: {} }, { name: 'cache', emptyDir: {} }],
        [{ name: 'config', mountPath: '/config', readOnly: true }, { name: 'cache', mountPath: '/config/cache' }],
      ));
      expect(await logs(c, t, 'ro')).toEqual(["sh: can't create /config/app.conf: Read-only file system", 'cache-ok', 'y']);
    },
  },
  {
    name: 'two pods share one claim through different subPaths: each sees only its own directory of the volume',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 2 });
      await c.client('kubectl').persistentvolumeclaims(NS).create(claim('shared', '1Gi'));
      t.step('created pvc shared (1Gi, default class)');
      const vol: corev1.Volume[] = [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }];
      await run(c, t, busyboxPod('db', 'echo rows > /var/lib/mysql/table', vol, [{ name: 'data', mountPath: '/var/lib/mysql', subPath: 'mysql' }], { nodeName: 'node-1' }));
      await run(c, t, busyboxPod('web', 'echo page > /var/www/html/index.html; ls /var/www/html', vol, [{ name: 'data', mountPath: '/var/www/html', subPath: 'html' }], { nodeName: 'node-2' }));
      await run(c, t, busyboxPod('admin', 'ls /data; cat /data/mysql/table /data/html/index.html', vol, [{ name: 'data', mountPath: '/data' }], { nodeName: 'node-1' }));
      expect(await logs(c, t, 'web')).toEqual(['index.html']);
      expect(await logs(c, t, 'admin')).toEqual(['html', 'mysql', 'rows', 'page']);
    },
  },
];

export default defineExerciseTests({
  part: 'volume.mounts',
  load: (m) => exportOf<ResolveMount>(m, 'resolveMount'),
  cases: [...clusterCases, ...mountsCases.map((c): GradeCase<ResolveMount> => ({ name: c.name, kind: 'part', run: (resolve) => c.run(resolve) }))],
});
