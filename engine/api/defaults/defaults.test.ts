import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINIMAL_OBJECTS } from '../minimal-objects.ts';
import type { KubeObject } from '../object.ts';
import { defaultObject } from './default-object.ts';
import { imageTag } from './pod.ts';

const defaulted = (o: KubeObject): any => {
  const c = structuredClone(o);
  defaultObject(c);
  return c;
};

describe('Pod defaults (core/v1 defaults.go)', () => {
  it('fills the pod-level defaults', () => {
    const p = defaulted(MINIMAL_OBJECTS.Pod!);
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
    });
    expect(p.spec.containers[0]).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' });
  });

  it('pulls Always for :latest or no tag, IfNotPresent otherwise', () => {
    const pull = (image: string) => defaulted({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a', image }] } }).spec.containers[0].imagePullPolicy;
    expect(pull('nginx')).toBe('Always');
    expect(pull('nginx:latest')).toBe('Always');
    expect(pull('registry:5000/nginx')).toBe('Always');
    expect(pull('nginx:1.27')).toBe('IfNotPresent');
    expect(pull('nginx@sha256:abc')).toBe('IfNotPresent');
    expect(imageTag('registry:5000/team/app:v2')).toBe('v2');
  });

  it('defaults ports to TCP, probes to 1s/10s/1/3 and requests from limits', () => {
    const p = defaulted({
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 80 } }, resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }] },
    });
    const c = p.spec.containers[0];
    expect(c.ports[0].protocol).toBe('TCP');
    expect(c.livenessProbe).toMatchObject({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, httpGet: { path: '/', scheme: 'HTTP' } });
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
  });

  it('never overwrites what the user set', () => {
    const p = defaulted({ apiVersion: 'v1', kind: 'Pod', spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Never' }] } });
    expect(p.spec.restartPolicy).toBe('Never');
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.containers[0].imagePullPolicy).toBe('Never');
  });

  it('templates get pod spec defaults but not enableServiceLinks (a Pod-only default)', () => {
    const d = defaulted(MINIMAL_OBJECTS.Deployment!);
    expect(d.spec.template.spec.restartPolicy).toBe('Always');
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
  });
});

describe('workload defaults (apps/v1, batch/v1)', () => {
  it('Deployment: replicas 1, RollingUpdate 25%/25%, history 10, deadline 600', () => {
    expect(defaulted(MINIMAL_OBJECTS.Deployment!).spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it('a Recreate Deployment gets no rollingUpdate block', () => {
    const d = defaulted({ ...MINIMAL_OBJECTS.Deployment!, spec: { ...(MINIMAL_OBJECTS.Deployment!.spec as object), strategy: { type: 'Recreate' } } });
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('StatefulSet: OrderedReady, RollingUpdate partition 0, Retain/Retain', () => {
    expect(defaulted(MINIMAL_OBJECTS.StatefulSet!).spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
  });

  it('DaemonSet: RollingUpdate maxUnavailable 1, maxSurge 0', () => {
    expect(defaulted(MINIMAL_OBJECTS.DaemonSet!).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  it('Job: completions and parallelism 1, backoffLimit 6, NonIndexed', () => {
    expect(defaulted(MINIMAL_OBJECTS.Job!).spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    const parallel = defaulted({ ...MINIMAL_OBJECTS.Job!, spec: { ...(MINIMAL_OBJECTS.Job!.spec as object), parallelism: 3 } });
    expect(parallel.spec.completions).toBeUndefined();
  });

  it('CronJob: Allow, not suspended, history 3/1', () => {
    expect(defaulted(MINIMAL_OBJECTS.CronJob!).spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  });
});

describe('other core defaults', () => {
  it('Service: ClusterIP, None affinity, TCP, targetPort = port, Cluster traffic policy', () => {
    const s = defaulted(MINIMAL_OBJECTS.Service!);
    expect(s.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    const aff = defaulted({ ...MINIMAL_OBJECTS.Service!, spec: { ports: [{ port: 80 }], sessionAffinity: 'ClientIP' } });
    expect(aff.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('Service sessionAffinity None drops any sessionAffinityConfig; ClientIP without a timeout gets 10800', () => {
    const config = { clientIP: { timeoutSeconds: 600 } };
    const none = defaulted({ ...MINIMAL_OBJECTS.Service!, spec: { ports: [{ port: 80 }], sessionAffinityConfig: config } });
    expect(none.spec.sessionAffinity).toBe('None');
    expect(none.spec).not.toHaveProperty('sessionAffinityConfig');
    const explicitNone = defaulted({ ...MINIMAL_OBJECTS.Service!, spec: { ports: [{ port: 80 }], sessionAffinity: 'None', sessionAffinityConfig: config } });
    expect(explicitNone.spec).not.toHaveProperty('sessionAffinityConfig');
    const kept = defaulted({ ...MINIMAL_OBJECTS.Service!, spec: { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: config } });
    expect(kept.spec.sessionAffinityConfig).toEqual(config);
    const empty = defaulted({ ...MINIMAL_OBJECTS.Service!, spec: { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } } });
    expect(empty.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('Secret type Opaque, PV Retain/Filesystem, PVC Filesystem, Namespace label and phase', () => {
    expect(defaulted(MINIMAL_OBJECTS.Secret!).type).toBe('Opaque');
    expect(defaulted(MINIMAL_OBJECTS.PersistentVolume!).spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(defaulted(MINIMAL_OBJECTS.PersistentVolumeClaim!).spec.volumeMode).toBe('Filesystem');
    const ns = defaulted(MINIMAL_OBJECTS.Namespace!);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.status.phase).toBe('Active');
    expect(ns.spec).toBeUndefined();
  });

  it('Ingress pathType stays required: no default', () => {
    const ing = defaulted({ ...MINIMAL_OBJECTS.Ingress!, spec: { rules: [{ http: { paths: [{ path: '/', backend: {} }] } }] } });
    expect(ing.spec.rules[0].http.paths[0].pathType).toBeUndefined();
  });

  it('unknown kinds are left untouched', () => {
    const o = { apiVersion: 'example.com/v1', kind: 'Widget', spec: {} };
    expect(defaulted(o)).toEqual(o);
  });
});

describe('defaulting is idempotent and never throws', () => {
  it('applying twice equals applying once, for every minimal example', () => {
    for (const [kind, o] of Object.entries(MINIMAL_OBJECTS)) expect(defaulted(defaulted(o)), kind).toEqual(defaulted(o));
  });

  it('applying twice equals applying once, on random objects of every kind', () => {
    const kinds = Object.values(MINIMAL_OBJECTS);
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (base, spec, extra, status) => {
        const o = { ...structuredClone(base), spec, extra, status } as KubeObject;
        const once = defaulted(o);
        expect(defaulted(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  it('applying twice equals applying once, on mutated valid objects', () => {
    const kinds = Object.values(MINIMAL_OBJECTS);
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.tuple(fc.array(fc.constantFrom('spec', 'template', 'containers', '0', 'ports', 'strategy', 'metadata', 'labels'), { minLength: 1, maxLength: 5 }), fc.jsonValue())), (base, muts) => {
        const o: any = structuredClone(base);
        for (const [path, v] of muts) setAt(o, path, v);
        const once = defaulted(o);
        expect(defaulted(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

function setAt(o: any, path: string[], v: unknown): void {
  let cur = o;
  for (const p of path.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return;
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = /^\d+$/.test(p) ? [] : {};
    cur = cur[p];
  }
  if (typeof cur === 'object' && cur !== null) cur[path[path.length - 1] as string] = v;
}
