/**
 * Helpers for test/docs/presets.test.ts: apply a playground preset to an engine cluster the way
 * kubectl does, read back what the playground's views show (pods, events, logs, component
 * errors), and advance virtual time until an expectation holds.
 */
import { parseAllDocuments } from 'yaml';
import { expect } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import { findResourceByKind } from '../../engine/api/resources.ts';
import { applyManifests } from '../../engine/client/apply/index.ts';
import { kindLabel } from '../../engine/client/apply/manifests.ts';
import type { corev1 } from '../../engine/api/types.ts';
import { readLogs } from '../../docs/.vitepress/theme/components/playground/sandbox/views.ts';

// ---- applying a manifest as kubectl does ------------------------------------------------------

export interface ManifestDocument {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  [field: string]: unknown;
}

/** What apply did with one document: `Kind/name` and, when it was refused, kubectl's error output. */
export interface Applied {
  ref: string;
  error?: string;
}

export function parseManifest(text: string): ManifestDocument[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => {
      expect(d.errors, d.errors.map((e) => e.message).join('; ')).toEqual([]);
      return d.toJS() as ManifestDocument | null;
    })
    .filter((o): o is ManifestDocument => o !== null && o !== undefined);
}

/**
 * `kubectl apply -f` with engine/client/apply (three-way merge, `unchanged` when nothing
 * changed). An object is applied when kubectl's line for it says created, configured or
 * unchanged; otherwise its error is kubectl's error output (all of it: kubectl does not always
 * name the object, e.g. `namespaces "nowhere" not found`).
 */
export async function applyManifest(c: Cluster, text: string): Promise<Applied[]> {
  const result = await applyManifests(c.client('kubectl'), text);
  const done = /^(\S+)\/(\S+) (created|configured|unchanged)$/;
  const ok = new Set(result.lines.flatMap((l) => {
    const m = done.exec(l);
    return m ? [`${m[1]}/${m[2]}`] : [];
  }));
  const errors = result.lines.filter((l) => !done.test(l)).join('\n');
  return parseManifest(text).map((obj) => {
    const ref = `${obj.kind}/${obj.metadata?.name}`;
    const info = findResourceByKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!info) throw new Error(`${ref}: no resource for ${obj.apiVersion}`);
    return ok.has(`${kindLabel(info)}/${obj.metadata?.name}`) ? { ref } : { ref, error: errors };
  });
}

// ---- what the playground's views show ----------------------------------------------------------

export interface Scene {
  c: Cluster;
  applied: Applied[];
  pods(namespace?: string): Promise<corev1.Pod[]>;
  pod(name: string, namespace?: string): Promise<corev1.Pod>;
  /** Pods whose name starts with `prefix` (a workload's pods). */
  podsOf(prefix: string, namespace?: string): Promise<corev1.Pod[]>;
  /** Every event's "reason object message", all namespaces. */
  events(): Promise<string[]>;
  /** `kubectl logs`, as the playground's pod view reads it (the apiserver's 400 text before the container started). */
  logs(pod: string, container?: string, namespace?: string): Promise<string>;
  /** What components survived (a throwing part shows up here). */
  errors(): string[];
  apply(text: string): Promise<Applied[]>;
}

export function scene(c: Cluster, applied: Applied[]): Scene {
  const client = c.client('playground-view');
  const s: Scene = {
    c,
    applied,
    pods: async (ns = 'default') => (await client.pods(ns).list()).items,
    pod: (name, ns = 'default') => client.pods(ns).get(name),
    podsOf: async (prefix, ns) => (await s.pods(ns)).filter((p) => p.metadata?.name?.startsWith(`${prefix}-`)),
    events: async () => (await client.events('').list()).items.map((e) => `${e.reason} ${e.involvedObject?.kind?.toLowerCase()}/${e.involvedObject?.name} ${e.message}`),
    logs: (name, container, ns = 'default') => readLogs(c, ns, name, container),
    errors: () => c.errors().map((e) => `${e.component}: ${e.message}`),
    apply: (text) => applyManifest(c, text),
  };
  return s;
}

/** A step of a scenario: what must hold, and how much cluster time it may take. */
export interface Stage {
  /** Cluster seconds to let pass before checking: for what must NOT happen. */
  settle?: number;
  /** Cluster seconds allowed for `check` to pass. */
  within: number;
  check(s: Scene): Promise<void>;
}

/**
 * Lets `stage.settle` seconds pass, then advances the cluster one second at a time until
 * `stage.check` stops throwing; after `stage.within` seconds its failure stands.
 */
export async function eventually(s: Scene, stage: Stage): Promise<void> {
  if (stage.settle) await s.c.clock.advance(stage.settle * 1000);
  const seconds = stage.within;
  const check = () => stage.check(s);
  for (let t = 0; t < seconds; t++) {
    try {
      await check();
      return;
    } catch {
      await s.c.clock.advance(1000);
    }
  }
  await check();
}

export const phase = (p: corev1.Pod) => p.status?.phase;
export const status = (p: corev1.Pod) => p.status?.containerStatuses?.[0];
export const restarts = (p: corev1.Pod) => (p.status?.containerStatuses ?? []).reduce((n, x) => n + (x.restartCount ?? 0), 0);
export const waiting = (p: corev1.Pod) => status(p)?.state?.waiting?.reason;
export const isReady = (p: corev1.Pod) => !!p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
export const running = (pods: corev1.Pod[], n: number) => {
  expect(pods.filter((p) => phase(p) === 'Running')).toHaveLength(n);
};
export const todoErrors = (s: Scene, component: string) => s.errors().filter((e) => e.startsWith(component) && e.includes('TODO'));

/**
 * The import and re-export statements of a module that load code at run time: everything but
 * `import type` / `export type`. The playground's editor runs the learner's file as is, with no
 * engine module beside it.
 */
export function runtimeImports(source: string): string[] {
  const statements = source.match(/^\s*(import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"]|\bimport\s*\(/gm) ?? [];
  return statements.map((x) => x.trim()).filter((x) => !/^(import|export)\s+type\s/.test(x));
}
