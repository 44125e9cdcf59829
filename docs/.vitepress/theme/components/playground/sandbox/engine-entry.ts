/**
 * `tinykube-playground`: the module the playground's preview iframe imports through its import
 * map (built to /playground-runtime/tinykube.js by ../../../../playground-assets.ts). It holds the one live
 * cluster of the page, so the dashboard (Cluster.vue in the editor) can be edited and re-run by
 * @vue/repl without losing the cluster: ES modules are evaluated once per document.
 *
 * The dashboard's connect() tells the host { tinykube: 'connected' }. The host page drives it by postMessage — { tinykube: 'apply' | 'delete' | 'reset', id, yaml } —
 * and gets { tinykube: 'result', id, ok, lines } back; the dashboard reads views from it.
 *
 * Parts: the dashboard passes the parts the learner edits (e.g. `scheduler.score` from score.ts).
 * Changed code takes effect at the next Apply or Reset, which restart the cluster with it: most
 * parts are wired into components at start (engine/cluster/create-cluster.ts), as in the grader.
 */
import { isPartId, type Parts } from '../../../../../../engine/cluster/index.ts';
import { SPEED, startSimulation, type Simulation } from './simulation.ts';
import { readLogs, readView, type ClusterView } from './views.ts';
import { isHeartbeat, traceDiagram } from './trace-diagram.ts';

export type { ClusterView } from './views.ts';

export interface PlaygroundStatus {
  /** Time runs this many times faster than the wall clock. */
  speed: number;
  /** Part ids the running cluster takes from the editor. */
  parts: string[];
  /** Part ids whose code changed since the cluster started: the next Apply restarts it. */
  pendingParts: string[];
}

let running: { sim: Promise<Simulation>; key: string; ids: string[] } | undefined;
let wanted: { parts: Partial<Parts>; key: string; ids: string[] } = { parts: {}, key: '', ids: [] };

/** A part's identity for "did the code change": the source of its functions, member by member. */
function sourceKey(value: unknown, depth = 0): string {
  if (typeof value === 'function') return value.toString();
  if (value === null || typeof value !== 'object' || depth > 3) return JSON.stringify(value) ?? 'undefined';
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${k}:${sourceKey(obj[k], depth + 1)}`).join(',')}}`;
}

/**
 * Starts a cluster with the wanted parts, after the old one (if any) has closed. `running` is set
 * at once, so a view read while the old cluster closes waits for the new one instead of starting
 * a second.
 */
function start(): Promise<Simulation> {
  const old = running?.sim;
  const { parts, key, ids } = wanted;
  const sim = (async () => {
    if (old) await (await old).close().catch(() => undefined);
    return startSimulation(parts);
  })();
  running = { sim, key, ids };
  return sim;
}

/**
 * Called by the dashboard each time it (re)runs, with the parts from the editor's files. Unknown
 * part ids are refused with the list of real ones. Starts the cluster on the first call.
 */
export async function connect(parts: Record<string, unknown> = {}): Promise<PlaygroundStatus> {
  for (const id of Object.keys(parts)) {
    if (!isPartId(id)) throw new Error(`"${id}" is not a part of the engine (see engine/cluster/parts.ts)`);
  }
  const ids = Object.keys(parts).sort();
  wanted = { parts: parts as Partial<Parts>, key: ids.map((id) => `${id}=${sourceKey(parts[id])}`).join('\n'), ids };
  if (!running) await start();
  // The host enables its buttons, or resets the cluster after switching presets, on this signal.
  window.parent?.postMessage({ tinykube: 'connected' }, '*');
  return status();
}

export function status(): PlaygroundStatus {
  const changed = running !== undefined && running.key !== wanted.key;
  return { speed: SPEED, parts: running?.ids ?? [], pendingParts: changed ? wanted.ids : [] };
}

async function current(): Promise<Simulation> {
  return running ? running.sim : start();
}

export async function view(): Promise<ClusterView> {
  return readView((await current()).cluster);
}

/** The dashboard shows the last lines only, like `kubectl logs --tail`. */
const LOG_TAIL = 100;

export async function logs(namespace: string, name: string, container?: string): Promise<string> {
  return readLogs((await current()).cluster, namespace, name, container, LOG_TAIL);
}

/** `kubectl delete pod`: the owner's controller makes a new one, if there is an owner. */
export async function deletePod(namespace: string, name: string): Promise<void> {
  await (await current()).cluster.client('kubectl').withReason('kubectl delete pod').pods(namespace).delete(name);
}

/** The machine under a node goes down or comes back (engine/cluster/node-pool.ts): no API call, like pulling the plug. */
export async function setNodeRunning(name: string, running: boolean): Promise<void> {
  const nodes = (await current()).cluster.nodes;
  await (running ? nodes.start(name) : nodes.stop(name));
}

export interface TraceOptions { count: number; hideHeartbeats: boolean; dark: boolean }

let diagramId = 0;

/** The last `count` API writes as an SVG sequence diagram (mermaid loads on first use). */
export async function traceSvg(o: TraceOptions): Promise<{ svg: string; shown: number }> {
  const all = (await current()).cluster.trace.entries();
  const kept = o.hideHeartbeats ? all.filter((e) => !isHeartbeat(e)) : all;
  const entries = kept.slice(Math.max(0, kept.length - o.count));
  if (entries.length === 0) return { svg: '', shown: 0 };
  const { default: mermaid } = await import('mermaid');
  // Natural size, scrolled sideways: fitted to the preview's width, a dozen participants become unreadable.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: o.dark ? 'dark' : 'default', sequence: { useMaxWidth: false } });
  const { svg } = await mermaid.render(`tk-trace-${diagramId++}`, traceDiagram(entries));
  return { svg, shown: entries.length };
}

interface Command { tinykube: 'apply' | 'delete' | 'reset'; id: number; yaml?: string }

async function run(cmd: Command): Promise<{ ok: boolean; lines: string[] }> {
  const partsChanged = running !== undefined && running.key !== wanted.key;
  const note = wanted.ids.length ? [`cluster restarted with your ${wanted.ids.join(', ')}`] : ['cluster restarted with the reference parts'];
  if (cmd.tinykube === 'reset') {
    await start();
    return { ok: true, lines: [wanted.ids.length ? note[0]! : 'cluster reset: 3 empty nodes'] };
  }
  const sim = await (partsChanged ? start() : current());
  const result = cmd.tinykube === 'apply' ? await sim.apply(cmd.yaml ?? '') : await sim.delete(cmd.yaml ?? '');
  return partsChanged ? { ok: result.ok, lines: [...note, ...result.lines] } : result;
}

if (typeof window !== 'undefined') {
  window.addEventListener('message', (ev: MessageEvent) => {
    const cmd = ev.data as Partial<Command> | null;
    if (ev.source !== window.parent || !cmd || !['apply', 'delete', 'reset'].includes(cmd.tinykube as string)) return;
    void run(cmd as Command)
      .catch((err: unknown) => ({ ok: false, lines: [`error: ${err instanceof Error ? err.message : String(err)}`] }))
      .then((result) => window.parent.postMessage({ tinykube: 'result', id: cmd.id, ...result }, ev.origin));
  });
}
