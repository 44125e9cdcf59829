/**
 * The playground's live cluster: the engine built in the browser (engine/ is isomorphic). Loaded
 * only by a dynamic import() from Playground.vue's onMounted, so text pages never carry it.
 *
 * Time is a RealClock running SPEED times faster than the wall clock (engine/util/clock.ts), so
 * image pulls, probes and controller resyncs happen at a watchable pace. The seed makes names and
 * uids the same on every load.
 */
import { parseAllDocuments } from 'yaml';
import { createCluster, type Cluster } from '../../../../../engine/cluster/index.ts';
import { RealClock } from '../../../../../engine/util/clock.ts';
import { StatusError } from '../../../../../engine/api/errors.ts';
import { findResourceByKind, type ResourceInfo } from '../../../../../engine/api/resources.ts';
import type { TraceEntry } from '../../../../../engine/apiserver/types.ts';

export const SPEED = 10;

export interface ApplyResult {
  ok: boolean;
  /** One line per document: "deployment.apps/nginx created", or the error with its field paths. */
  lines: string[];
}

export interface Simulation {
  cluster: Cluster<RealClock>;
  apply(text: string): Promise<ApplyResult>;
  close(): Promise<void>;
}

export async function startSimulation(): Promise<Simulation> {
  const cluster = await createCluster({ clock: new RealClock(SPEED), seed: 'playground', nodes: 3 });
  const client = cluster.client('kubectl').withReason('apply manifest');
  return {
    cluster,
    apply: (text) => applyManifests(client, text),
    close: () => cluster.close(),
  };
}

type AnyObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

/** `kubectl apply`, simplified: create each object, or replace it (keeping its resourceVersion) when it exists. */
async function applyManifests(client: ReturnType<Cluster['client']>, text: string): Promise<ApplyResult> {
  const lines: string[] = [];
  let ok = true;
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      ok = false;
      lines.push(`YAML error: ${doc.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const obj = doc.toJS() as AnyObject | null;
    if (obj === null || obj === undefined) continue;
    const info: ResourceInfo | undefined = obj.apiVersion && obj.kind ? findResourceByKind(obj.apiVersion, obj.kind) : undefined;
    if (!info) {
      ok = false;
      lines.push(`error: no resource for apiVersion "${obj.apiVersion ?? ''}" kind "${obj.kind ?? ''}"`);
      continue;
    }
    const label = `${info.group ? `${info.plural}.${info.group}` : info.plural}/${obj.metadata?.name ?? '?'}`;
    const rc = client.resource(info);
    const api = info.namespaced ? rc.namespace(obj.metadata?.namespace ?? 'default') : rc;
    try {
      const name = obj.metadata?.name ?? '';
      let existing: AnyObject | undefined;
      try {
        existing = name ? ((await api.get(name)) as AnyObject) : undefined;
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
      if (existing) {
        const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: existing.metadata?.resourceVersion } };
        await api.update(next as never);
        lines.push(`${label} configured`);
      } else {
        await api.create(obj as never);
        lines.push(`${label} created`);
      }
    } catch (e) {
      ok = false;
      lines.push(...describeError(label, e));
    }
  }
  if (docs.length === 0) lines.push('nothing to apply');
  return { ok, lines };
}

function describeError(label: string, e: unknown): string[] {
  if (e instanceof StatusError) {
    const head = `Error from server (${e.reason ?? e.code}) ${label}: ${e.message}`;
    const causes = (e.status.details?.causes ?? []).map((c) => `  • ${c.field ?? ''}: ${c.message ?? c.reason ?? ''}`);
    return [head, ...causes];
  }
  return [`error ${label}: ${e instanceof Error ? e.message : String(e)}`];
}

/** A mermaid sequenceDiagram of trace entries: each caller → apiserver, with verb, resource and code. */
export function traceDiagram(entries: readonly TraceEntry[]): string {
  const lines = ['sequenceDiagram', '  participant api as kube-apiserver'];
  const ids = new Map<string, string>();
  const actor = (user: string): string => {
    let id = ids.get(user);
    if (!id) {
      id = `u${ids.size}`;
      ids.set(user, id);
      lines.splice(1 + ids.size - 1, 0, `  participant ${id} as ${clean(user)}`);
    }
    return id;
  };
  for (const e of entries) {
    const who = actor(e.user);
    const res = (e.group ? `${e.resource}.${e.group}` : e.resource) + (e.subresource ? `/${e.subresource}` : '');
    const target = e.name ? ` ${e.name}` : '';
    lines.push(`  ${who}->>api: ${clean(`${e.verb} ${res}${target}`)}`);
    lines.push(`  api-->>${who}: ${e.code}`);
  }
  return lines.join('\n');
}

/** Mermaid message text must not contain its own syntax characters. */
function clean(s: string): string {
  return s.replace(/[;:#<>{}]/g, ' ');
}
