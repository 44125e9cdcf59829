/**
 * The part cases of the `configmap.projection` part: grader/tests/configmap-volume.ts runs them
 * against the learner's part, the self-check against the reference, the stub and the mutants; the
 * engine's own test (projection.test.ts) against the reference. Each case throws on failure.
 *
 * Upstream behaviour: pkg/volume/configmap/configmap.go and secret/secret.go MakePayload,
 * downwardapi/downwardapi.go CollectData, projected/projected.go collectData,
 * pkg/volume/util/atomic_writer.go validatePath / validatePayload.
 */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import type { ConfigSources, KeySource } from './environment.ts';
import type { ProjectionResult, ProjectVolume } from './projection.ts';

export interface ProjectionCase {
  name: string;
  run(project: ProjectVolume): void;
}

const POD: corev1.Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'shop', uid: 'u-123', labels: { tier: 'front', app: 'web' }, annotations: { build: '42' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'builder', containers: [{ name: 'app', image: 'busybox', resources: { limits: { memory: '64Mi' } } }] },
};

const GAME = { lives: '3', 'ui.properties': 'color=red\n' };

function sources(configMaps: Record<string, KeySource> = {}, secrets: Record<string, KeySource> = {}): ConfigSources {
  return { configMap: (n) => configMaps[n], secret: (n) => secrets[n] };
}

const DEFAULT_SOURCES = sources({ game: { data: GAME, binaryData: { 'logo.png': 'PNG…' } } }, { db: { data: { user: 'admin', password: 'hunter2' } } });

function project(p: ProjectVolume, volume: Omit<corev1.Volume, 'name'>, src: ConfigSources = DEFAULT_SOURCES): ProjectionResult {
  return p({ pod: POD, volume: { name: 'config', ...volume }, sources: src, hostIP: '10.0.0.7', podIP: '10.244.1.5', serviceAccountToken: (tp) => `token-for-${tp.audience ?? 'api'}` });
}

/** path → [content, mode in octal] (throws with the error when there is one). */
function filesOf(r: ProjectionResult): Record<string, [string, string]> {
  if ('error' in r) throw new Error(`expected files, got the error: ${r.error}`);
  const out: Record<string, [string, string]> = {};
  for (const f of r.files) {
    if (f.path in out) throw new Error(`path ${f.path} appears twice in the result`);
    out[f.path] = [f.content, f.mode.toString(8)];
  }
  return out;
}

const errorOf = (r: ProjectionResult) => ('error' in r ? r.error : `no error (files ${r.files.map((f) => f.path).join(', ')})`);

export const projectionCases: readonly ProjectionCase[] = [
  {
    name: 'without items every key (data and binaryData) becomes a file named after it, mode 0644',
    run(p) {
      expect(filesOf(project(p, { configMap: { name: 'game' } }))).toEqual({ lives: ['3', '644'], 'ui.properties': ['color=red\n', '644'], 'logo.png': ['PNG…', '644'] });
    },
  },
  {
    name: 'defaultMode applies to every file',
    run(p) {
      expect(filesOf(project(p, { secret: { secretName: 'db', defaultMode: 0o400 } }))).toEqual({ user: ['admin', '400'], password: ['hunter2', '400'] });
    },
  },
  {
    name: 'with items only the listed keys appear, at their paths, nested paths included',
    run(p) {
      const r = project(p, { configMap: { name: 'game', items: [{ key: 'lives', path: 'game/lives.txt' }] } });
      expect(filesOf(r)).toEqual({ 'game/lives.txt': ['3', '644'] });
    },
  },
  {
    name: "an item's mode wins over defaultMode; items without one get defaultMode",
    run(p) {
      const r = project(p, { configMap: { name: 'game', defaultMode: 0o440, items: [{ key: 'lives', path: 'lives', mode: 0o600 }, { key: 'ui.properties', path: 'ui' }] } });
      expect(filesOf(r)).toEqual({ lives: ['3', '600'], ui: ['color=red\n', '440'] });
    },
  },
  {
    name: 'a missing ConfigMap or Secret is an error unless the volume is optional, then it is empty',
    run(p) {
      expect(errorOf(project(p, { configMap: { name: 'nope' } }))).toBe('configmap "nope" not found');
      expect(errorOf(project(p, { secret: { secretName: 'gone' } }))).toBe('secret "gone" not found');
      expect(filesOf(project(p, { configMap: { name: 'nope', optional: true } }))).toEqual({});
    },
  },
  {
    name: 'an item naming a missing key is an error with the upstream message, skipped when optional',
    run(p) {
      expect(errorOf(project(p, { configMap: { name: 'game', items: [{ key: 'colour', path: 'c' }] } }))).toBe('configmap references non-existent config key: colour');
      const err = errorOf(project(p, { secret: { secretName: 'db', items: [{ key: 'passwd', path: 'p' }] } }));
      expect(err).toBe('references non-existent secret key: passwd');
      expect(err).not.toContain('hunter2');
      expect(filesOf(project(p, { configMap: { name: 'game', optional: true, items: [{ key: 'colour', path: 'c' }, { key: 'lives', path: 'l' }] } }))).toEqual({ l: ['3', '644'] });
    },
  },
  {
    name: "paths with '..' or a leading slash are rejected; ./ and // are cleaned",
    run(p) {
      const item = (path: string) => project(p, { configMap: { name: 'game', items: [{ key: 'lives', path }] } });
      expect(errorOf(item('a/../../etc/passwd'))).toBe("invalid path: must not contain '..': a/../../etc/passwd");
      expect(errorOf(item('/etc/passwd'))).toBe('invalid path: must be relative path: /etc/passwd');
      expect(errorOf(item('..hidden'))).toBe("invalid path: must not start with '..': ..hidden");
      expect(filesOf(item('./conf//lives'))).toEqual({ 'conf/lives': ['3', '644'] });
    },
  },
  {
    name: 'downwardAPI files hold pod fields; labels and annotations as sorted key="value" lines',
    run(p) {
      const r = project(p, {
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
            { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
          ],
        },
      });
      expect(filesOf(r)).toEqual({ labels: ['app="web"\ntier="front"', '644'], name: ['web-0', '400'], mem: ['64', '644'] });
    },
  },
  {
    name: 'a projected volume merges its sources in order, with its defaultMode and item modes',
    run(p) {
      const r = project(p, {
        projected: {
          defaultMode: 0o440,
          sources: [
            { configMap: { name: 'game', items: [{ key: 'lives', path: 'cfg/lives' }] } },
            { secret: { name: 'db', items: [{ key: 'password', path: 'creds/password', mode: 0o400 }] } },
            { downwardAPI: { items: [{ path: 'meta/ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
            { serviceAccountToken: { path: 'token', audience: 'vault' } },
          ],
        },
      });
      expect(filesOf(r)).toEqual({ 'cfg/lives': ['3', '440'], 'creds/password': ['hunter2', '400'], 'meta/ns': ['shop', '440'], token: ['token-for-vault', '440'] });
    },
  },
  {
    name: 'in a projected volume a later source wins a path both write; failing sources are all reported',
    run(p) {
      const src = sources({ a: { data: { mode: 'from-a', only: 'a' } }, b: { data: { mode: 'from-b' } } });
      expect(filesOf(project(p, { projected: { sources: [{ configMap: { name: 'a' } }, { configMap: { name: 'b' } }] } }, src))).toEqual({ mode: ['from-b', '644'], only: ['a', '644'] });
      expect(errorOf(project(p, { projected: { sources: [{ configMap: { name: 'x' } }, { configMap: { name: 'a' } }, { secret: { name: 'y' } }] } }, src))).toBe('[configmap "x" not found, secret "y" not found]');
    },
  },
  {
    name: 'the files come back sorted by path, each once',
    run(p) {
      const r = project(p, { configMap: { name: 'game', items: [{ key: 'ui.properties', path: 'z' }, { key: 'lives', path: 'a' }, { key: 'lives', path: 'm/x' }] } });
      if ('error' in r) throw new Error(r.error);
      expect(r.files.map((f) => f.path)).toEqual(['a', 'm/x', 'z']);
    },
  },
];
