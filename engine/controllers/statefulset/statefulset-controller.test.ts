/**
 * The StatefulSet controller in a whole cluster (2 nodes, virtual clock), driven the way the
 * Kubernetes docs' StatefulSet basics tutorial drives it (`web` behind the headless Service
 * `nginx`), observed as `kubectl get pods -w`, `kubectl get pvc` and `kubectl describe sts` show it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { appsv1, corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { addedAt, addedOrder, deletionOrder, isRunningAndReady, NS, nginxService, podNames, readyAt, setEvents, watchWebPods, webPods, webStatefulSet } from './testing.ts';

let clusters: Cluster[] = [];
afterEach(async () => {
  for (const c of clusters) await c.close();
  clusters = [];
});

async function cluster(): Promise<Cluster> {
  const c = await createCluster({ nodes: 2 });
  clusters.push(c);
  return c;
}

async function until(c: Cluster, what: string, p: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  if (!(await c.clock.runUntil(p, { timeoutMs }))) {
    const errors = c.errors().slice(-3).map((e) => `${e.component}: ${e.message}`);
    throw new Error(`timed out waiting until ${what}; last errors: ${errors.join(' | ')}`);
  }
}

const allReady = (c: Cluster, n: number) => async () => {
  const pods = await webPods(c.client(), true);
  return pods.length === n && pods.every(isRunningAndReady);
};

async function setImage(c: Cluster, image: string, patch: (s: appsv1.StatefulSet) => void = () => {}): Promise<void> {
  const sts = await c.client().statefulsets(NS).get('web');
  sts.spec!.template!.spec!.containers[0]!.image = image;
  patch(sts);
  await c.client('kubectl').statefulsets(NS).update(sts);
}

const revisionOf = (p: corev1.Pod | undefined) => p?.metadata?.labels?.['controller-revision-hash'];

describe('StatefulSet controller: the docs\' web example', () => {
  it('creates web-0, web-1, web-2 in order, each only after its predecessor is Running and Ready, with stable identity and claims www-web-N', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    const w = await watchWebPods(c.client(), () => c.clock.now());
    await kubectl.services(NS).create(nginxService());
    const sts = await kubectl.statefulsets(NS).create(webStatefulSet());
    await until(c, 'web has 3 ready pods', allReady(c, 3));
    w.stop();

    expect(addedOrder(w.events)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(addedAt(w.events, 'web-1')!).toBeGreaterThanOrEqual(readyAt(w.events, 'web-0')!);
    expect(addedAt(w.events, 'web-2')!).toBeGreaterThanOrEqual(readyAt(w.events, 'web-1')!);

    const pods = await webPods(c.client());
    for (const [i, p] of pods.entries()) {
      expect(p.metadata?.name).toBe(`web-${i}`);
      expect(p.spec?.hostname).toBe(`web-${i}`);
      expect(p.spec?.subdomain).toBe('nginx');
      expect(p.metadata?.labels).toMatchObject({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': `web-${i}`, 'apps.kubernetes.io/pod-index': String(i) });
      expect(p.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe(`www-web-${i}`);
    }
    const pvcs = (await c.client().persistentvolumeclaims(NS).list()).items;
    expect(pvcs.map((p) => p.metadata?.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    for (const pvc of pvcs) {
      expect(pvc.metadata?.labels).toEqual({ app: 'nginx' });
      expect(pvc.metadata?.ownerReferences ?? []).toEqual([]);
    }
    expect(await setEvents(c.client(), 'SuccessfulCreate')).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
      'create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'create Pod web-2 in StatefulSet web successful',
    ]);

    await c.clock.advance(2_000);
    const status = (await c.client().statefulsets(NS).get('web')).status!;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, collisionCount: 0, observedGeneration: 1 });
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status.updateRevision).toMatch(/^web-[a-z0-9]+$/);
    expect(pods.map(revisionOf)).toEqual([status.updateRevision, status.updateRevision, status.updateRevision]);
    const revisions = (await c.client().controllerrevisions(NS).list()).items;
    expect(revisions.map((r) => [r.metadata?.name, r.revision])).toEqual([[status.updateRevision, 1]]);
  });

  it('scaling down 3 → 1 deletes web-2, then (once it is gone) web-1, and keeps every claim', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    await kubectl.services(NS).create(nginxService());
    await kubectl.statefulsets(NS).create(webStatefulSet());
    await until(c, 'web has 3 ready pods', allReady(c, 3));
    const w = await watchWebPods(c.client(), () => c.clock.now());
    const scale = await kubectl.statefulsets(NS).getScale('web');
    await kubectl.statefulsets(NS).updateScale('web', { ...scale, spec: { replicas: 1 } });
    await until(c, 'only web-0 is left', async () => podNames(await webPods(c.client())).join() === 'web-0');
    w.stop();
    expect(deletionOrder(w.events)).toEqual(['web-2', 'web-1']);
    const web2Gone = w.events.find((e) => e.name === 'web-2' && e.type === 'DELETED')!.at;
    const web1Deleting = w.events.find((e) => e.name === 'web-1' && e.terminating)!.at;
    expect(web1Deleting).toBeGreaterThanOrEqual(web2Gone);
    expect((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => p.metadata?.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(await setEvents(c.client(), 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    await c.clock.advance(2_000);
    expect((await c.client().statefulsets(NS).get('web')).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it('scaling back up after a scale-down gives web-1 and web-2 their old claims back', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    await kubectl.statefulsets(NS).create(webStatefulSet());
    await until(c, 'web has 3 ready pods', allReady(c, 3));
    const uids = Object.fromEntries((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => [p.metadata?.name, p.metadata?.uid]));
    const scale = await kubectl.statefulsets(NS).getScale('web');
    await kubectl.statefulsets(NS).updateScale('web', { ...scale, spec: { replicas: 1 } });
    await until(c, 'only web-0 is left', async () => (await webPods(c.client())).length === 1);
    const again = await kubectl.statefulsets(NS).getScale('web');
    await kubectl.statefulsets(NS).updateScale('web', { ...again, spec: { replicas: 3 } });
    await until(c, 'web has 3 ready pods again', allReady(c, 3));
    const after = Object.fromEntries((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => [p.metadata?.name, p.metadata?.uid]));
    expect(after).toEqual(uids);
  });

  it('a deleted pod comes back with the same name, hostname and claim (the claim is never recreated)', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    await kubectl.services(NS).create(nginxService());
    await kubectl.statefulsets(NS).create(webStatefulSet({ replicas: 2 }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    const before = await c.client().pods(NS).get('web-1');
    const claim = await c.client().persistentvolumeclaims(NS).get('www-web-1');
    await kubectl.pods(NS).delete('web-1');
    await until(c, 'web-1 is back and ready', async () => {
      const pods = await webPods(c.client(), true);
      const p = pods.find((x) => x.metadata?.name === 'web-1');
      return !!p && p.metadata?.uid !== before.metadata?.uid && isRunningAndReady(p);
    });
    const after = await c.client().pods(NS).get('web-1');
    expect(after.spec?.hostname).toBe('web-1');
    expect(after.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe('www-web-1');
    expect((await c.client().persistentvolumeclaims(NS).get('www-web-1')).metadata?.uid).toBe(claim.metadata?.uid);
    expect((await setEvents(c.client(), 'SuccessfulCreate')).filter((m) => m.startsWith('create Claim'))).toHaveLength(2);
  });
});

describe('StatefulSet controller: identity repair', () => {
  it('a pod whose statefulset.kubernetes.io/pod-name label is removed gets it back (SuccessfulUpdate)', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 1, claims: false }));
    await until(c, 'web has 1 ready pod', allReady(c, 1));
    const pod = await c.client().pods(NS).get('web-0');
    const labels = { ...pod.metadata!.labels };
    delete labels['statefulset.kubernetes.io/pod-name'];
    await c.client('kubectl').pods(NS).update({ ...pod, metadata: { ...pod.metadata, labels } });
    await until(c, 'the label is back', async () => (await c.client().pods(NS).get('web-0')).metadata?.labels?.['statefulset.kubernetes.io/pod-name'] === 'web-0');
    expect((await c.client().pods(NS).get('web-0')).metadata?.uid).toBe(pod.metadata?.uid);
    expect(await setEvents(c.client(), 'SuccessfulUpdate')).toEqual(['update Pod web-0 in StatefulSet web successful']);
  });
});

describe('StatefulSet controller: policies', () => {
  it('Parallel creates every pod at once, without waiting for Ready', async () => {
    const c = await cluster();
    const w = await watchWebPods(c.client(), () => c.clock.now());
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ claims: false, spec: { podManagementPolicy: 'Parallel' } }));
    await until(c, 'web has 3 ready pods', allReady(c, 3));
    w.stop();
    expect([...addedOrder(w.events)].sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const firstReady = Math.min(...['web-0', 'web-1', 'web-2'].map((n) => readyAt(w.events, n)!));
    for (const n of ['web-0', 'web-1', 'web-2']) expect(addedAt(w.events, n)!).toBeLessThan(firstReady);
  });

  it('spec.ordinals.start numbers the pods from there', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, claims: false, spec: { ordinals: { start: 5 } } }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    expect(podNames(await webPods(c.client()))).toEqual(['web-5', 'web-6']);
  });

  it('RollingUpdate with a partition updates from the highest ordinal down, one at a time, and never below the partition', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ claims: false, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } }));
    await until(c, 'web has 3 ready pods', allReady(c, 3));
    const oldRev = (await c.client().statefulsets(NS).get('web')).status?.updateRevision;
    const w = await watchWebPods(c.client(), () => c.clock.now());
    await setImage(c, 'registry.k8s.io/nginx-slim:0.21');
    await until(c, 'web-1 and web-2 run the new image and are ready', async () => {
      const pods = await webPods(c.client(), true);
      return pods.length === 3 && pods.slice(1).every((p) => p.spec?.containers[0]?.image === 'registry.k8s.io/nginx-slim:0.21' && isRunningAndReady(p));
    });
    await c.clock.advance(30_000);
    w.stop();
    expect(deletionOrder(w.events)).toEqual(['web-2', 'web-1']);
    // web-1 went only after the new web-2 was Ready.
    const web2ReadyAgain = w.events.filter((e) => e.name === 'web-2' && e.ready && !e.terminating).pop()!.at;
    expect(w.events.find((e) => e.name === 'web-1' && e.terminating)!.at).toBeGreaterThanOrEqual(web2ReadyAgain);
    const pods = await webPods(c.client());
    expect(pods[0]?.spec?.containers[0]?.image).toBe('registry.k8s.io/nginx-slim:0.24');
    const status = (await c.client().statefulsets(NS).get('web')).status!;
    expect(status.currentRevision).toBe(oldRev);
    expect(status.updateRevision).not.toBe(oldRev);
    expect(status).toMatchObject({ currentReplicas: 1, updatedReplicas: 2, readyReplicas: 3 });
    expect(pods.map(revisionOf)).toEqual([oldRev, status.updateRevision, status.updateRevision]);

    // Lowering the partition to 0 finishes the rollout; the update revision becomes current.
    const sts = await c.client().statefulsets(NS).get('web');
    sts.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    await c.client('kubectl').statefulsets(NS).update(sts);
    await until(c, 'every pod runs the new image', async () => {
      const ps = await webPods(c.client(), true);
      return ps.length === 3 && ps.every((p) => p.spec?.containers[0]?.image === 'registry.k8s.io/nginx-slim:0.21' && isRunningAndReady(p));
    });
    await c.clock.advance(5_000);
    const done = (await c.client().statefulsets(NS).get('web')).status!;
    expect(done.currentRevision).toBe(done.updateRevision);
    expect(done).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });
  });

  it('OnDelete leaves running pods alone after a template change; a pod deleted by hand comes back on the new template', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, claims: false, spec: { updateStrategy: { type: 'OnDelete' } } }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    const uids = (await webPods(c.client())).map((p) => p.metadata?.uid);
    await setImage(c, 'registry.k8s.io/nginx-slim:0.21');
    await c.clock.advance(120_000);
    expect((await webPods(c.client())).map((p) => p.metadata?.uid)).toEqual(uids);
    await c.client('kubectl').pods(NS).delete('web-0');
    await until(c, 'web-0 is back and ready', async () => {
      const p = (await webPods(c.client(), true)).find((x) => x.metadata?.name === 'web-0');
      return !!p && p.metadata?.uid !== uids[0] && isRunningAndReady(p);
    });
    const pods = await webPods(c.client());
    expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(['registry.k8s.io/nginx-slim:0.21', 'registry.k8s.io/nginx-slim:0.24']);
  });

  it('persistentVolumeClaimRetentionPolicy whenScaled Delete: a scaled-down pod\'s claim is owned by the pod and goes with it', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } } }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    expect((await c.client().persistentvolumeclaims(NS).get('www-web-1')).metadata?.ownerReferences ?? []).toEqual([]);
    const scale = await c.client().statefulsets(NS).getScale('web');
    await c.client('kubectl').statefulsets(NS).updateScale('web', { ...scale, spec: { replicas: 1 } });
    await until(c, 'www-web-1 is gone', async () => !(await c.client().persistentvolumeclaims(NS).list()).items.some((p) => p.metadata?.name === 'www-web-1'));
    expect((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => p.metadata?.name)).toEqual(['www-web-0']);
  });

  it('persistentVolumeClaimRetentionPolicy whenDeleted Delete: claims are owned by the set', async () => {
    const c = await cluster();
    const sts = await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 1, spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } } }));
    await until(c, 'www-web-0 is owned by web', async () => {
      const pvc = (await c.client().persistentvolumeclaims(NS).list()).items.find((p) => p.metadata?.name === 'www-web-0');
      return (pvc?.metadata?.ownerReferences ?? []).some((r) => r.uid === sts.metadata?.uid);
    });
    const pvc = await c.client().persistentvolumeclaims(NS).get('www-web-0');
    expect(pvc.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('minReadySeconds: under OrderedReady the next pod waits until its predecessor has been Ready that long; availableReplicas follows', async () => {
    const c = await cluster();
    const w = await watchWebPods(c.client(), () => c.clock.now());
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, claims: false, spec: { minReadySeconds: 10 } }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    w.stop();
    // The Ready condition's lastTransitionTime has whole seconds: 10 s from it, so at least 9 s after.
    expect(addedAt(w.events, 'web-1')! - readyAt(w.events, 'web-0')!).toBeGreaterThanOrEqual(9_000);
    expect(addedAt(w.events, 'web-1')! - readyAt(w.events, 'web-0')!).toBeLessThan(12_000);
    expect((await c.client().statefulsets(NS).get('web')).status?.availableReplicas).toBeLessThan(2);
    await c.clock.advance(12_000);
    expect((await c.client().statefulsets(NS).get('web')).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });
});

describe('StatefulSet controller: deleting the set', () => {
  it('kubectl delete sts web: the pods go (garbage collector), the claims stay (whenDeleted Retain, the default)', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2 }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    await c.client('kubectl').statefulsets(NS).delete('web');
    await until(c, 'the pods are gone', async () => (await webPods(c.client())).length === 0);
    await c.clock.advance(10_000);
    expect((await c.client().persistentvolumeclaims(NS).list()).items.map((p) => p.metadata?.name).sort()).toEqual(['www-web-0', 'www-web-1']);
  });

  it('with whenDeleted Delete, deleting the set deletes its claims too', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 2, spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } } }));
    await until(c, 'web has 2 ready pods', allReady(c, 2));
    await c.clock.advance(2_000);
    await c.client('kubectl').statefulsets(NS).delete('web');
    await until(c, 'pods and claims are gone', async () => (await webPods(c.client())).length === 0 && (await c.client().persistentvolumeclaims(NS).list()).items.length === 0);
  });
});

describe('StatefulSet validation', () => {
  it('a container may mount a volumeClaimTemplate by name; a mount of an unknown volume is still refused', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    await expect(kubectl.statefulsets(NS).create(webStatefulSet())).resolves.toBeDefined();
    const bad = webStatefulSet();
    bad.metadata = { name: 'bad' };
    bad.spec!.template!.spec!.containers[0]!.volumeMounts = [{ name: 'nope', mountPath: '/x' }];
    await expect(kubectl.statefulsets(NS).create(bad)).rejects.toThrow('spec.template.spec.containers[0].volumeMounts[0].name: Not found: "nope"');
  });
});

describe('StatefulSet history and adoption', () => {
  it('each template is a ControllerRevision web-<hash>; going back to an old template renumbers its revision instead of making a new one', async () => {
    const c = await cluster();
    await c.client('kubectl').statefulsets(NS).create(webStatefulSet({ replicas: 1, claims: false }));
    await until(c, 'web has 1 ready pod', allReady(c, 1));
    const first = (await c.client().statefulsets(NS).get('web')).status!.updateRevision!;
    await setImage(c, 'registry.k8s.io/nginx-slim:0.21');
    await until(c, 'web-0 runs 0.21', async () => (await webPods(c.client(), true)).some((p) => p.spec?.containers[0]?.image === 'registry.k8s.io/nginx-slim:0.21' && isRunningAndReady(p)));
    const second = (await c.client().statefulsets(NS).get('web')).status!.updateRevision!;
    expect(second).not.toBe(first);
    await setImage(c, 'registry.k8s.io/nginx-slim:0.24');
    await until(c, 'web-0 runs 0.24 again', async () => (await webPods(c.client(), true)).some((p) => p.spec?.containers[0]?.image === 'registry.k8s.io/nginx-slim:0.24' && isRunningAndReady(p)));
    await c.clock.advance(5_000);
    const revisions = (await c.client().controllerrevisions(NS).list()).items.map((r) => [r.metadata?.name, r.revision]).sort();
    expect(revisions).toEqual([[first, 3], [second, 2]].sort());
    const status = (await c.client().statefulsets(NS).get('web')).status!;
    expect(status.updateRevision).toBe(first);
    expect(status.currentRevision).toBe(first);
    expect(revisionOf(await c.client().pods(NS).get('web-0'))).toBe(first);
  });

  it('an orphan pod named like a member and matching the selector is adopted rather than duplicated', async () => {
    const c = await cluster();
    const kubectl = c.client('kubectl');
    await kubectl.pods(NS).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } });
    const sts = await kubectl.statefulsets(NS).create(webStatefulSet({ replicas: 1, claims: false }));
    await until(c, 'web-0 is owned by web', async () => {
      const p = (await webPods(c.client())).find((x) => x.metadata?.name === 'web-0');
      return p?.metadata?.ownerReferences?.some((r) => r.uid === sts.metadata?.uid && r.controller) ?? false;
    });
    await until(c, 'web has 1 ready pod', allReady(c, 1));
    expect(podNames(await webPods(c.client(), true))).toEqual(['web-0']);
  });
});

