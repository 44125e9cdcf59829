import { describe, expect, it } from 'vitest';
import { defaultObject } from '../defaults/default-object.ts';
import { fieldErrorString } from '../field-errors.ts';
import { MINIMAL_OBJECTS } from '../minimal-objects.ts';
import type { KubeObject } from '../object.ts';
import { RESOURCES } from '../resources.ts';
import { validateObjectMeta } from '../../../solutions/apiserver/object-meta-validation.ts';
import { secretTypes } from '../../../solutions/secret/secret-types.ts';
import { parseCronSchedule } from './cron.ts';
import type { ValidationContext } from './object-meta.ts';
import { validateObject, validateObjectUpdate } from './validate-object.ts';

const ctx: ValidationContext = { objectMeta: validateObjectMeta, secretTypes };

/** A defaulted copy of the minimal `kind`, changed by `edit` — the way the apiserver sees a request. */
function make(kind: string, edit: (o: any) => void = () => {}): KubeObject {
  const o: any = structuredClone(MINIMAL_OBJECTS[kind]);
  edit(o);
  defaultObject(o);
  return o;
}
const errors = (o: KubeObject) => validateObject(o, ctx).map(fieldErrorString);
const updateErrors = (o: KubeObject, old: KubeObject) => validateObjectUpdate(o, old, ctx).map(fieldErrorString);

describe('validateObject', () => {
  it('every kind in RESOURCES has a minimal example that validates clean after defaulting', () => {
    for (const r of RESOURCES) expect(errors(make(r.kind)), r.kind).toEqual([]);
  });

  it('reports structural errors first and alone when a field has the wrong type', () => {
    expect(errors(make('Deployment', (d) => (d.spec.replicas = 'three')))).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
  });

  it('runs the ObjectMeta part it is given', () => {
    const seen: unknown[] = [];
    validateObject(make('Namespace'), { objectMeta: (m, o) => (seen.push(o), []) });
    expect(seen).toEqual([{ namespaced: false, nameRule: 'DNS1123Label' }]);
    expect(errors(make('Service', (s) => (s.metadata.name = '1web')))[0]).toMatch(/^metadata\.name: Invalid value: "1web": a DNS-1035 label/);
  });

  it('keeps every distinct error on one path (two bad labels both reported at metadata.labels), drops exact repeats', () => {
    const errs = errors(make('ConfigMap', (c) => (c.metadata.labels = { 'app name': 'web', tier: 'a'.repeat(64) })));
    expect(errs).toHaveLength(2);
    expect(errs[0]).toMatch(/^metadata\.labels: Invalid value: "app name": name part must consist/);
    expect(errs[1]).toBe(`metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`);
    const twice = validateObject(make('ConfigMap', (c) => (c.metadata.labels = { 'a b': 'x' })), { objectMeta: (m, o) => [...validateObjectMeta(m, o), ...validateObjectMeta(m, o)] });
    expect(twice).toHaveLength(1);
  });

  it('turns a throwing ObjectMeta part into an InternalError instead of throwing', () => {
    const errs = validateObject(make('Pod'), {
      objectMeta: () => {
        throw new Error('TODO: validateObjectMeta');
      },
    });
    expect(errs.map(fieldErrorString)).toEqual(['metadata: Internal error: TODO: validateObjectMeta']);
  });

  it('requires apiVersion and kind', () => {
    expect(errors({ metadata: { name: 'x' } })).toEqual(['apiVersion: Required value', 'kind: Required value']);
  });
});

describe('Pod validation', () => {
  it('requires containers, names and images', () => {
    expect(errors(make('Pod', (p) => (p.spec.containers = [])))).toContain('spec.containers: Required value');
    expect(errors(make('Pod', (p) => delete p.spec.containers[0].image))).toContain('spec.template.spec.containers[0].image: Required value'.replace('template.spec.', ''));
  });

  it('container names are DNS-1123 labels, unique across init and app containers', () => {
    const e = errors(make('Pod', (p) => (p.spec.initContainers = [{ name: 'app', image: 'busybox' }])));
    expect(e).toContain('spec.containers[0].name: Duplicate value: "app"');
    expect(errors(make('Pod', (p) => (p.spec.containers[0].name = 'App')))[0]).toMatch(/^spec\.containers\[0\]\.name: Invalid value: "App": a lowercase RFC 1123 label/);
  });

  it('restartPolicy and dnsPolicy are enums with the upstream message', () => {
    expect(errors(make('Pod', (p) => (p.spec.restartPolicy = 'Sometimes')))).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
    expect(errors(make('Pod', (p) => (p.spec.dnsPolicy = 'Google')))).toEqual([
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('ports are 1-65535', () => {
    expect(errors(make('Pod', (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }])))).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('volumes have unique names and exactly one source; mounts name a volume', () => {
    const e = errors(
      make('Pod', (p) => {
        p.spec.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }, { name: 'data', emptyDir: {} }];
        p.spec.containers[0].volumeMounts = [{ name: 'cache', mountPath: '/cache' }];
      }),
    );
    expect(e).toEqual(
      expect.arrayContaining([
        // Upstream checks sources in a fixed order (hostPath before emptyDir) and flags the later one.
        'spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type',
        'spec.volumes[1].name: Duplicate value: "data"',
        'spec.containers[0].volumeMounts[0].name: Not found: "cache"',
      ]),
    );
  });

  it('requests may not exceed limits', () => {
    expect(errors(make('Pod', (p) => (p.spec.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '500m' } })))).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('a probe needs exactly one handler', () => {
    expect(errors(make('Pod', (p) => (p.spec.containers[0].livenessProbe = { periodSeconds: 5 })))).toEqual(['spec.containers[0].livenessProbe: Required value: must specify a handler type']);
    expect(errors(make('Pod', (p) => (p.spec.containers[0].readinessProbe = { tcpSocket: { port: 80 }, exec: { command: ['true'] } })))).toEqual([
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('an update may change images but nothing else in the spec', () => {
    const old = make('Pod');
    expect(updateErrors(make('Pod', (p) => (p.spec.containers[0].image = 'nginx:1.28')), old)).toEqual([]);
    const e = updateErrors(make('Pod', (p) => (p.spec.containers[0].ports = [{ containerPort: 80 }])), old);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
  });

  it('name and namespace are immutable on update', () => {
    expect(updateErrors(make('Pod', (p) => (p.metadata.name = 'other')), make('Pod'))).toContain('metadata.name: Invalid value: "other": field is immutable');
  });
});

describe('workload validation', () => {
  it('Deployment replicas must not be negative', () => {
    expect(errors(make('Deployment', (d) => (d.spec.replicas = -1)))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('template labels must match the selector, printed like Go prints the map', () => {
    expect(errors(make('Deployment', (d) => (d.spec.template.metadata.labels = { app: 'x', tier: 'web' })))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('maxSurge and maxUnavailable may not both be 0', () => {
    expect(errors(make('Deployment', (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('the selector is required, non-empty and immutable', () => {
    expect(errors(make('Deployment', (d) => delete d.spec.selector))).toContain('spec.selector: Required value');
    expect(errors(make('ReplicaSet', (d) => (d.spec.selector = {})))[0]).toMatch(/^spec\.selector: Invalid value: .*empty selector is invalid for deployment$/);
    const moved = make('Deployment', (d) => {
      d.spec.selector = { matchLabels: { app: 'y' } };
      d.spec.template.metadata.labels = { app: 'y' };
    });
    expect(updateErrors(moved, make('Deployment'))).toEqual([
      'spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('workload pods must restart Always', () => {
    expect(errors(make('DaemonSet', (d) => (d.spec.template.spec.restartPolicy = 'Never')))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('StatefulSet updates may only touch the mutable fields', () => {
    expect(updateErrors(make('StatefulSet', (s) => (s.spec.replicas = 3)), make('StatefulSet'))).toEqual([]);
    expect(updateErrors(make('StatefulSet', (s) => (s.spec.serviceName = 'other')), make('StatefulSet'))[0]).toMatch(/^spec: Forbidden: updates to statefulset spec for fields other than/);
  });

  it('Job pods restart OnFailure or Never', () => {
    expect(errors(make('Job', (j) => delete j.spec.template.spec.restartPolicy))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  });

  it('CronJob schedules must parse', () => {
    expect(errors(make('CronJob', (c) => (c.spec.schedule = 'every minute')))).toEqual(['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]']);
    expect(errors(make('CronJob', (c) => (c.spec.schedule = '61 * * * *')))).toEqual(['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
    expect(errors(make('CronJob', (c) => (c.spec.schedule = '@hourly')))).toEqual([]);
  });
});

describe('Service, ConfigMap, Secret and the rest', () => {
  it('Service ports, names, type and the NodePort range', () => {
    expect(errors(make('Service', (s) => (s.spec.ports = [{ port: 80 }, { port: 443 }])))).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    expect(errors(make('Service', (s) => (s.spec.type = 'Magic')))).toContain('spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    expect(errors(make('Service', (s) => ((s.spec.type = 'NodePort'), (s.spec.ports[0].nodePort = 80))))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('Service clusterIP is immutable', () => {
    const old = make('Service', (s) => (s.spec.clusterIP = '10.96.0.10'));
    expect(updateErrors(make('Service', (s) => (s.spec.clusterIP = '10.96.0.11')), old)).toEqual(['spec.clusterIP: Invalid value: "10.96.0.11": field is immutable']);
  });

  it('ConfigMap keys are config keys and immutable data stays put', () => {
    expect(errors(make('ConfigMap', (c) => (c.data = { 'a b': 'x' })))[0]).toMatch(/^data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '\.'/);
    const old = make('ConfigMap', (c) => (c.immutable = true));
    expect(updateErrors(make('ConfigMap', (c) => ((c.immutable = true), (c.data = { x: 'changed' }))), old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('ConfigMaps are at most 1 MiB', () => {
    expect(errors(make('ConfigMap', (c) => (c.data = { big: 'x'.repeat(1024 * 1024 + 1) })))).toEqual([': Too long: must have at most 1048576 bytes'.slice(2)]);
  });

  it('a TLS Secret needs tls.crt and tls.key; data must be base64 and is never echoed', () => {
    expect(errors(make('Secret', (s) => ((s.type = 'kubernetes.io/tls'), (s.data = {}))))).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
    expect(errors(make('Secret', (s) => (s.data = { password: 'not base64!' })))).toEqual(['data[password]: Invalid value: illegal base64 data at input byte 3']);
  });

  it('Ingress paths need a pathType and absolute paths', () => {
    expect(errors(make('Ingress', (i) => delete i.spec.rules[0].http.paths[0].pathType))).toEqual(['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
    expect(errors(make('Ingress', (i) => (i.spec.rules[0].http.paths[0].path = 'api')))).toEqual(['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']);
    expect(errors(make('Ingress', (i) => (i.spec.rules[0].http.paths[0].pathType = 'Regex')))).toContain(
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    );
  });

  it('Node taints need a known effect; PVCs need access modes and storage', () => {
    expect(errors(make('Node', (n) => (n.spec = { taints: [{ key: 'dedicated', effect: 'Sometimes' }] })))).toEqual([
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
    expect(errors(make('PersistentVolumeClaim', (p) => (p.spec = {})))).toEqual(['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']);
  });

  it('Lease durations are positive; EndpointSlices need an address type', () => {
    expect(errors(make('Lease', (l) => (l.spec.leaseDurationSeconds = 0)))).toEqual(['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']);
    expect(errors(make('EndpointSlice', (e) => delete e.addressType))).toContain('addressType: Required value');
  });
});

describe('cron schedules (robfig/cron ParseStandard)', () => {
  it('parses ranges, steps, lists and names', () => {
    const r = parseCronSchedule('*/15 9-17 * JAN,jul mon-fri');
    expect(r.ok && [...r.schedule.minute]).toEqual([0, 15, 30, 45]);
    expect(r.ok && [...r.schedule.month]).toEqual([1, 7]);
    expect(r.ok && [...r.schedule.dayOfWeek]).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects what robfig rejects', () => {
    expect(parseCronSchedule('* * * *')).toEqual({ ok: false, error: 'expected exactly 4 fields, found 4: [* * * *]'.replace('exactly 4', 'exactly 5') });
    expect(parseCronSchedule('5-1 * * * *')).toEqual({ ok: false, error: 'beginning of range (5) beyond end of range (1): 5-1' });
    expect(parseCronSchedule('*/0 * * * *')).toEqual({ ok: false, error: 'step of range should be a positive number: */0' });
    expect(parseCronSchedule('@fortnightly')).toEqual({ ok: false, error: 'unrecognized descriptor: @fortnightly' });
  });
});
