/**
 * Volumes as pods see them, on a whole cluster (website concepts/storage/volumes.md,
 * persistent-volumes.md): emptyDir, hostPath, and persistentVolumeClaim volumes whose data
 * outlives the pod that wrote it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { corev1 } from '../api/types.ts';
import { busyboxPod, claim, eventsFor, exists, podLogs, runUntil } from '../controllers/volume/testing.ts';

let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const NS = 'default';
const podOf = (name: string) => c!.client().pods(NS).get(name);
const phase = async (name: string) => (await podOf(name).catch(() => undefined))?.status?.phase;
const claimVol = (claimName: string, readOnly?: boolean): corev1.Volume => ({ name: 'data', persistentVolumeClaim: { claimName, ...(readOnly ? { readOnly } : {}) } });
const atData: corev1.VolumeMount[] = [{ name: 'data', mountPath: '/data' }];

async function runToEnd(name: string): Promise<string[]> {
  await runUntil(c!, `pod ${name} finished`, async () => ['Succeeded', 'Failed'].includes((await phase(name)) ?? ''));
  return podLogs(c!, NS, name);
}

describe('emptyDir', () => {
  it('two containers share it, it survives a container restart, and it goes with the pod', async () => {
    c = await createCluster({ nodes: 1 });
    const k = c.client('kubectl');
    const pod: corev1.Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'shared' },
      spec: {
        restartPolicy: 'OnFailure',
        volumes: [{ name: 'cache', emptyDir: {} }],
        containers: [
          { name: 'writer', image: 'busybox:1.36', command: ['sh', '-c', 'cat /cache/runs; echo run >> /cache/runs; if [ "$(wc -l < /cache/runs)" -lt 2 ]; then exit 1; fi; sleep 3600'], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] },
          { name: 'reader', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 30; cat /seen/runs; sleep 3600'], volumeMounts: [{ name: 'cache', mountPath: '/seen' }] },
        ],
      },
    };
    await k.pods(NS).create(pod);
    await runUntil(c, 'writer restarted once', async () => (await podOf('shared')).status?.containerStatuses?.find((s) => s.name === 'writer')?.restartCount === 1);
    // The restarted container sees what its first run wrote.
    await runUntil(c, 'writer logged the earlier run', async () => (await podLogs(c!, NS, 'shared', 'writer')).includes('run'));
    await runUntil(c, 'reader logged both runs', async () => (await podLogs(c!, NS, 'shared', 'reader')).filter((l) => l === 'run').length === 2, 60_000);
    await k.pods(NS).delete('shared', { gracePeriodSeconds: 0 });
    await runUntil(c, 'pod gone', async () => !(await exists(() => podOf('shared'))));
    await k.pods(NS).create(busyboxPod('shared', 'cat /cache/runs || echo empty', [{ name: 'cache', emptyDir: {} }], [{ name: 'cache', mountPath: '/cache' }]));
    const logs = await runToEnd('shared');
    expect(logs).toContain('empty');
    expect(logs).not.toContain('run');
  });
});

describe('hostPath', () => {
  it("is the node's directory: pods on the same node share it, a pod on another node does not see it", async () => {
    c = await createCluster({ nodes: 2 });
    const k = c.client('kubectl');
    const host: corev1.Volume[] = [{ name: 'host', hostPath: { path: '/var/log/app', type: 'DirectoryOrCreate' } }];
    const mount: corev1.VolumeMount[] = [{ name: 'host', mountPath: '/logs' }];
    await k.pods(NS).create(busyboxPod('w', 'echo from-w > /logs/msg', host, mount, { nodeName: 'node-1' }));
    await runToEnd('w');
    await k.pods(NS).create(busyboxPod('same', 'cat /logs/msg', host, mount, { nodeName: 'node-1' }));
    await k.pods(NS).create(busyboxPod('other', 'cat /logs/msg || echo missing', host, mount, { nodeName: 'node-2' }));
    expect(await runToEnd('same')).toEqual(['from-w']);
    expect(await runToEnd('other')).toContain('missing');
  });
});

describe('hostPath across restarts', () => {
  it("survives a restart of the node's kubelet and a reboot of the node (the disk is the node's)", async () => {
    c = await createCluster({ nodes: 1 });
    const k = c.client('kubectl');
    const host: corev1.Volume[] = [{ name: 'host', hostPath: { path: '/srv/state' } }];
    const mount: corev1.VolumeMount[] = [{ name: 'host', mountPath: '/state' }];
    await k.pods(NS).create(busyboxPod('before', 'echo kept > /state/file', host, mount));
    await runToEnd('before');
    await c.nodes.restartKubelet('node-1');
    await k.pods(NS).create(busyboxPod('after-restart', 'cat /state/file', host, mount));
    expect(await runToEnd('after-restart')).toEqual(['kept']);
    await c.nodes.stop('node-1');
    await c.nodes.start('node-1');
    await k.pods(NS).create(busyboxPod('after-reboot', 'cat /state/file', host, mount));
    expect(await runToEnd('after-reboot')).toEqual(['kept']);
  });
});

describe('persistentVolumeClaim', () => {
  it('data written by one pod is read by the next pod that mounts the claim, on another node', async () => {
    c = await createCluster({ nodes: 2 });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('www', '1Gi'));
    await k.pods(NS).create(busyboxPod('writer', 'echo hello from writer > /data/index.html', [claimVol('www')], atData, { nodeName: 'node-1' }));
    expect((await runToEnd('writer'))).toEqual([]);
    expect(await phase('writer')).toBe('Succeeded');
    await k.pods(NS).delete('writer');
    await runUntil(c, 'writer gone', async () => !(await exists(() => podOf('writer'))));
    await k.pods(NS).create(busyboxPod('reader', 'cat /data/index.html', [claimVol('www')], atData, { nodeName: 'node-2' }));
    expect(await runToEnd('reader')).toEqual(['hello from writer']);
  });

  it('the scheduler keeps a pod whose claim does not exist, then is unbound, Pending (VolumeBinding), and binds it once the claim is bound', async () => {
    c = await createCluster({ nodes: 2 });
    const k = c.client('kubectl');
    await k.pods(NS).create(busyboxPod('early', 'cat /data/x || echo none; sleep 3600', [claimVol('later')], atData));
    await runUntil(c, 'a FailedScheduling event', async () => (await eventsFor(c!, NS, 'early', 'FailedScheduling')).length > 0);
    expect((await eventsFor(c, NS, 'early', 'FailedScheduling'))[0]?.message).toMatch(/^0\/2 nodes are available: persistentvolumeclaim "later" not found\. /);
    expect((await podOf('early')).spec?.nodeName).toBeUndefined();
    // A claim of a class nobody provisions stays unbound: still not schedulable.
    await k.persistentvolumeclaims(NS).create(claim('later', '1Gi', { cls: 'nobody' }));
    await runUntil(c, 'a FailedScheduling event about the unbound claim', async () => (await eventsFor(c!, NS, 'early', 'FailedScheduling')).some((e) => e.message?.includes('pod has unbound immediate PersistentVolumeClaims')));
    expect((await podOf('early')).status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    await k.persistentvolumes().create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'by-hand' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'nobody', hostPath: { path: '/mnt/by-hand' } } });
    await runUntil(c, 'pod early Running', async () => (await phase('early')) === 'Running');
  });

  it('a pod placed on a node (spec.nodeName) whose claim does not exist waits in ContainerCreating with FailedMount, and starts once the claim is bound', async () => {
    c = await createCluster({ nodes: 1 });
    const k = c.client('kubectl');
    await k.pods(NS).create(busyboxPod('early', 'cat /data/x || echo none; sleep 3600', [claimVol('later')], atData, { nodeName: 'node-1' }));
    await runUntil(c, 'a FailedMount event', async () => (await eventsFor(c!, NS, 'early', 'FailedMount')).length > 0);
    const p = await podOf('early');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect((await eventsFor(c, NS, 'early', 'FailedMount'))[0]?.message).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/later: persistentvolumeclaim "later" not found',
    );
    await k.persistentvolumeclaims(NS).create(claim('later', '1Gi'));
    await runUntil(c, 'pod early Running', async () => (await phase('early')) === 'Running');
    expect(await podLogs(c, NS, 'early')).toEqual(['cat: can\'t open \'/data/x\': No such file or directory', 'none']);
  });

  it('a readOnly claim volume refuses writes', async () => {
    c = await createCluster({ nodes: 1 });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('ro', '1Gi'));
    await k.pods(NS).create(busyboxPod('try', 'echo x > /data/f; echo done', [claimVol('ro', true)], atData));
    expect(await runToEnd('try')).toEqual(['sh: can\'t create /data/f: Read-only file system', 'done']);
  });

  it('a claim in use by a pod is not removed until the pod is gone (kubernetes.io/pvc-protection)', async () => {
    c = await createCluster({ nodes: 1 });
    const k = c.client('kubectl');
    await k.persistentvolumeclaims(NS).create(claim('busy', '1Gi'));
    await k.pods(NS).create(busyboxPod('user', 'sleep 3600', [claimVol('busy')], atData));
    await runUntil(c, 'pod Running', async () => (await phase('user')) === 'Running');
    await k.persistentvolumeclaims(NS).delete('busy');
    await c.clock.advance(30_000);
    const pvc = await k.persistentvolumeclaims(NS).get('busy');
    expect(pvc.metadata?.deletionTimestamp).toBeDefined();
    expect(pvc.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.status?.phase).toBe('Bound');
    await k.pods(NS).delete('user', { gracePeriodSeconds: 0 });
    await runUntil(c, 'claim busy gone', async () => !(await exists(() => k.persistentvolumeclaims(NS).get('busy'))));
  });
});
