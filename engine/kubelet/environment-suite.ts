/**
 * The part cases of the `configmap.env` part: grader/tests/configmap-env.ts runs them against the
 * learner's part, the self-check against the reference, the stub and the mutants; the engine's
 * own test (environment.test.ts) against the reference. Each case throws on failure.
 *
 * Upstream behaviour: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables and its tests
 * (kubelet_pods_test.go TestMakeEnvironmentVariables), third_party/forked/golang/expansion.
 */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import type { ConfigSources, EnvironmentResult, KeySource, MakeEnvironment } from './environment.ts';

export interface EnvironmentCase {
  name: string;
  run(makeEnv: MakeEnvironment): void;
}

/** A lookup over literal ConfigMaps and Secrets (Secret values already decoded). */
export function sourcesOf(configMaps: Record<string, Record<string, string>> = {}, secrets: Record<string, Record<string, string>> = {}): ConfigSources {
  const wrap = (d: Record<string, string> | undefined): KeySource | undefined => (d ? { data: d } : undefined);
  return { configMap: (n) => wrap(configMaps[n]), secret: (n) => wrap(secrets[n]) };
}

const POD: corev1.Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'shop', uid: 'u-123', labels: { app: 'web', tier: 'front' }, annotations: { owner: 'team-a' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'builder', containers: [{ name: 'app', image: 'busybox' }] },
};

function run(makeEnv: MakeEnvironment, container: Omit<corev1.Container, 'name'>, sources: ConfigSources = sourcesOf(), extra: { serviceEnv?: Record<string, string>; pod?: corev1.Pod } = {}): EnvironmentResult {
  const c: corev1.Container = { name: 'app', image: 'busybox', ...container };
  const pod = extra.pod ?? { ...POD, spec: { ...POD.spec, containers: [c] } };
  return makeEnv({ pod, container: c, sources, hostIP: '10.0.0.7', podIP: '10.244.1.5', nodeAllocatable: { cpu: '4', memory: '8Gi' }, ...(extra.serviceEnv ? { serviceEnv: extra.serviceEnv } : {}) });
}

/** The env as a name → value record (throws with the error when there is one). */
export function envOf(result: EnvironmentResult): Record<string, string> {
  if ('error' in result) throw new Error(`expected an environment, got the error: ${result.error}`);
  const out: Record<string, string> = {};
  for (const e of result.env) {
    if (e.name in out) throw new Error(`variable ${e.name} appears twice in the result`);
    out[e.name] = e.value;
  }
  return out;
}

const errorOf = (r: EnvironmentResult) => ('error' in r ? r.error : `no error (env ${JSON.stringify(r.env)})`);

export const environmentCases: readonly EnvironmentCase[] = [
  {
    name: 'env values are set as written, in declaration order',
    run(makeEnv) {
      const r = run(makeEnv, { env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }, { name: 'EMPTY', value: '' }] });
      expect(envOf(r)).toEqual({ B: '2', A: '1', EMPTY: '' });
      if ('env' in r) expect(r.env.map((e) => e.name)).toEqual(['B', 'A', 'EMPTY']);
    },
  },
  {
    name: 'envFrom a ConfigMap adds every key; a prefix goes in front of each',
    run(makeEnv) {
      const r = run(makeEnv, { envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'DB_', secretRef: { name: 'db' } }] }, sourcesOf({ cfg: { LEVEL: 'debug', MODE: 'fast' } }, { db: { USER: 'admin', PASSWORD: 's3cr3t' } }));
      expect(envOf(r)).toEqual({ LEVEL: 'debug', MODE: 'fast', DB_USER: 'admin', DB_PASSWORD: 's3cr3t' });
    },
  },
  {
    name: 'env overrides envFrom, and a later envFrom source overrides an earlier one',
    run(makeEnv) {
      const r = run(
        makeEnv,
        { envFrom: [{ configMapRef: { name: 'base' } }, { configMapRef: { name: 'override' } }], env: [{ name: 'MODE', value: 'from-env' }] },
        sourcesOf({ base: { MODE: 'base', COLOR: 'red', SIZE: 'L' }, override: { COLOR: 'blue' } }),
      );
      expect(envOf(r)).toEqual({ MODE: 'from-env', COLOR: 'blue', SIZE: 'L' });
    },
  },
  {
    name: 'valueFrom configMapKeyRef and secretKeyRef read one key each',
    run(makeEnv) {
      const r = run(
        makeEnv,
        { env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'log.level' } } }, { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] },
        sourcesOf({ cfg: { 'log.level': 'warn' } }, { db: { password: 'hunter2' } }),
      );
      expect(envOf(r)).toEqual({ LEVEL: 'warn', PASS: 'hunter2' });
    },
  },
  {
    name: 'a missing ConfigMap or Secret is an error with the upstream message',
    run(makeEnv) {
      expect(errorOf(run(makeEnv, { envFrom: [{ configMapRef: { name: 'nope' } }] }))).toBe('configmap "nope" not found');
      expect(errorOf(run(makeEnv, { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'gone', key: 'k' } } }] }))).toBe('secret "gone" not found');
    },
  },
  {
    name: 'a missing key is an error naming the key and namespace/name, never a value',
    run(makeEnv) {
      const sources = sourcesOf({ cfg: { mode: 'fast' } }, { db: { password: 'hunter2' } });
      expect(errorOf(run(makeEnv, { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'missing' } } }] }, sources))).toBe("couldn't find key missing in ConfigMap shop/cfg");
      const err = errorOf(run(makeEnv, { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'passwd' } } }] }, sources));
      expect(err).toBe("couldn't find key passwd in Secret shop/db");
      expect(err).not.toContain('hunter2');
    },
  },
  {
    name: 'optional references to a missing source or key leave the variable out',
    run(makeEnv) {
      const r = run(
        makeEnv,
        {
          envFrom: [{ configMapRef: { name: 'nope', optional: true } }, { secretRef: { name: 'gone', optional: true } }],
          env: [
            { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'missing', optional: true } } },
            { name: 'B', valueFrom: { secretKeyRef: { name: 'gone', key: 'k', optional: true } } },
            { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
          ],
        },
        sourcesOf({ cfg: { mode: 'fast' } }),
      );
      expect(envOf(r)).toEqual({ C: 'fast' });
    },
  },
  {
    name: '$(VAR) expands variables defined before it, including envFrom ones',
    run(makeEnv) {
      const r = run(
        makeEnv,
        { envFrom: [{ prefix: 'APP_', configMapRef: { name: 'cfg' } }], env: [{ name: 'HOST', value: 'web' }, { name: 'URL', value: 'http://$(HOST):$(APP_PORT)/$(APP_PATH)' }] },
        sourcesOf({ cfg: { PORT: '8080', PATH: 'api' } }),
      );
      expect(envOf(r).URL).toBe('http://web:8080/api');
    },
  },
  {
    name: '$(VAR) of a variable declared later, or unknown, stays as written',
    run(makeEnv) {
      const r = run(makeEnv, { env: [{ name: 'URL', value: 'http://$(HOST)/$(NOPE)' }, { name: 'HOST', value: 'web' }] });
      expect(envOf(r)).toEqual({ URL: 'http://$(HOST)/$(NOPE)', HOST: 'web' });
    },
  },
  {
    name: '$$ is a literal $, so $$(VAR) is not expanded; a lone $ or an unclosed $( stays',
    run(makeEnv) {
      const r = run(makeEnv, { env: [{ name: 'A', value: 'x' }, { name: 'B', value: '$$(A) $(A) $$ cost: 5$ $A $(A' }] });
      expect(envOf(r).B).toBe('$(A) x $ cost: 5$ $A $(A');
    },
  },
  {
    name: 'values from valueFrom are not expanded, and a redefined variable expands to its latest value',
    run(makeEnv) {
      const r = run(
        makeEnv,
        { env: [{ name: 'A', value: '1' }, { name: 'RAW', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'tpl' } } }, { name: 'A', value: '2' }, { name: 'B', value: '$(A)' }] },
        sourcesOf({ cfg: { tpl: 'hello $(A)' } }),
      );
      expect(envOf(r)).toEqual({ A: '2', RAW: 'hello $(A)', B: '2' });
    },
  },
  {
    name: 'fieldRef gives the pod name, namespace, uid, labels, node, service account and IPs',
    run(makeEnv) {
      const f = (name: string, fieldPath: string): corev1.EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });
      const r = run(makeEnv, {
        env: [f('NAME', 'metadata.name'), f('NS', 'metadata.namespace'), f('UID', 'metadata.uid'), f('APP', "metadata.labels['app']"), f('NODE', 'spec.nodeName'), f('SA', 'spec.serviceAccountName'), f('POD_IP', 'status.podIP'), f('HOST_IP', 'status.hostIP')],
      });
      expect(envOf(r)).toEqual({ NAME: 'web-0', NS: 'shop', UID: 'u-123', APP: 'web', NODE: 'node-1', SA: 'builder', POD_IP: '10.244.1.5', HOST_IP: '10.0.0.7' });
    },
  },
  {
    name: 'resourceFieldRef divides by the divisor and rounds up; an unset limit is the node allocatable',
    run(makeEnv) {
      const r = run(makeEnv, {
        resources: { limits: { cpu: '250m', memory: '64Mi' } },
        env: [
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
          { name: 'MCPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        ],
      });
      expect(envOf(r)).toEqual({ CPU: '1', MCPU: '250', MEM_MI: '64' });
      const bare = run(makeEnv, { env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] });
      expect(envOf(bare).CPU).toBe('4');
    },
  },
  {
    name: 'service variables can be referenced and come last, unless the container defines them',
    run(makeEnv) {
      const r = run(makeEnv, { env: [{ name: 'API', value: 'https://$(KUBERNETES_SERVICE_HOST):443' }, { name: 'KUBERNETES_SERVICE_PORT', value: '8443' }] }, sourcesOf(), {
        serviceEnv: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
      });
      expect(envOf(r)).toEqual({ API: 'https://10.96.0.1:443', KUBERNETES_SERVICE_PORT: '8443', KUBERNETES_SERVICE_HOST: '10.96.0.1' });
      if ('env' in r) expect(r.env.at(-1)?.name).toBe('KUBERNETES_SERVICE_HOST');
    },
  },
];
