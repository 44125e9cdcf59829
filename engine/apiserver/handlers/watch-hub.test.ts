import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { configMapObject, podObject, refs } from '../testing.ts';
import { useReferenceHarness } from '../../../test/apiserver-harness.ts';
import type { WatchEvent, WatchHandle, WatchOptions } from '../types.ts';
import type { ServerContext } from './context.ts';
import { ApiWatch } from './watch.ts';
import { WatchHubs } from './watch-hub.ts';

const h = useReferenceHarness();
const PODS = '/registry/pods/';
const CMS = '/registry/configmaps/';
const rvOf = (o: KubeObject) => o.metadata?.resourceVersion ?? '';
const brief = (events: WatchEvent[]) =>
  events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name ?? ''}@${(e.object as KubeObject).metadata?.resourceVersion ?? ''}`);

/** The apiserver's context (private): the hubs live there. */
function serverCtx(): { ctx: ServerContext } {
  return h.api as unknown as { ctx: ServerContext };
}
const hubs = () => serverCtx().ctx.watchHubs as WatchHubs;

/** Replaces the server's hubs by ones keeping only `capacity` events. */
function useSmallHubs(capacity: number): void {
  const s = serverCtx();
  s.ctx.watchHubs?.close();
  (s as { ctx: ServerContext }).ctx = { ...s.ctx, watchHubs: new WatchHubs(h.kv, capacity) };
}

function watch(ref: ReturnType<typeof refs.pods>, options: WatchOptions, events: WatchEvent[]): WatchHandle {
  return h.api.watch(ref, options, (e) => events.push(e));
}

/** A raw store write of a pod (bypasses validation: spec.nodeName is otherwise immutable). */
async function putPodRaw(pod: KubeObject, nodeName: string): Promise<void> {
  const key = `${PODS}${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
  const { metadata, ...rest } = pod;
  const { resourceVersion: _rv, ...meta } = metadata ?? {};
  await h.kv.put(key, JSON.stringify({ ...rest, metadata: meta, spec: { ...(pod.spec as object), nodeName } }));
}

afterEach(() => vi.restoreAllMocks());

describe('watch hub', () => {
  it('a watch resuming from a recent revision is served from the hub’s buffer, then live, in order', async () => {
    const first: WatchEvent[] = [];
    const w1 = watch(refs.configmaps(), {}, first);
    await h.clock.flush();
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    const b = await h.api.create(refs.configmaps(), configMapObject('b'));
    const c = await h.api.create(refs.configmaps(), configMapObject('c'));
    await h.clock.flush();
    const events: WatchEvent[] = [];
    const w2 = watch(refs.configmaps(), { resourceVersion: rvOf(a) }, events);
    await h.clock.flush();
    expect(hubs().peek(CMS)?.watcherCount).toBe(2);
    const d = await h.api.create(refs.configmaps(), configMapObject('d'));
    await h.clock.flush();
    w1.stop();
    w2.stop();
    expect(brief(events)).toEqual([`ADDED b@${rvOf(b)}`, `ADDED c@${rvOf(c)}`, `ADDED d@${rvOf(d)}`]);
    expect(brief(first)).toEqual([`ADDED a@${rvOf(a)}`, ...brief(events)]);
    expect(hubs().peek(CMS)?.watcherCount).toBe(0);
  });

  it('a watch from before the hub’s oldest buffered event falls back to its own store watch and misses nothing', async () => {
    useSmallHubs(2);
    const w1 = watch(refs.configmaps(), {}, []);
    await h.clock.flush();
    const made: KubeObject[] = [];
    for (const n of ['a', 'b', 'c', 'd', 'e']) made.push(await h.api.create(refs.configmaps(), configMapObject(n)));
    await h.clock.flush();
    const events: WatchEvent[] = [];
    const w2 = watch(refs.configmaps(), { resourceVersion: rvOf(made[0] as KubeObject) }, events);
    await h.clock.flush();
    expect(hubs().peek(CMS)?.watcherCount).toBe(1);
    const f = await h.api.create(refs.configmaps(), configMapObject('f'));
    await h.clock.flush();
    w1.stop();
    w2.stop();
    expect(brief(events)).toEqual([...made.slice(1), f].map((o) => `ADDED ${o.metadata?.name}@${rvOf(o)}`));
  });

  it('a compacted start still ends with 410 even while the hub holds those events', async () => {
    const w1 = watch(refs.configmaps(), {}, []);
    await h.clock.flush();
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.api.create(refs.configmaps(), configMapObject('c'));
    const compactAt = h.kv.currentRevision();
    await h.kv.compact(compactAt);
    const events: WatchEvent[] = [];
    const w2 = watch(refs.configmaps(), { resourceVersion: rvOf(a) }, events);
    await w2.done;
    w1.stop();
    expect(events).toHaveLength(1);
    expect(events[0]?.object).toMatchObject({ code: 410, message: `too old resource version: ${rvOf(a)} (${compactAt - 1})` });
  });

  it('a watch from a revision the hub has not reached yet gets only what follows it', async () => {
    const w1 = watch(refs.configmaps(), {}, []);
    await h.clock.flush();
    const ahead = h.kv.currentRevision() + 1;
    const events: WatchEvent[] = [];
    const w2 = watch(refs.configmaps(), { resourceVersion: String(ahead) }, events);
    await h.clock.flush();
    expect(hubs().peek(CMS)?.watcherCount).toBe(2);
    await h.api.create(refs.configmaps(), configMapObject('a'));
    const b = await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.clock.flush();
    w1.stop();
    w2.stop();
    expect(Number(rvOf(b))).toBe(ahead + 1);
    expect(brief(events)).toEqual([`ADDED b@${rvOf(b)}`]);
  });

  it('a node-indexed watch sees a pod move into and out of its node as ADDED and DELETED', async () => {
    const n1: WatchEvent[] = [];
    const n2: WatchEvent[] = [];
    const w1 = watch(refs.pods(), { fieldSelector: 'spec.nodeName=n1' }, n1);
    const w2 = watch(refs.pods(), { fieldSelector: 'spec.nodeName=n2' }, n2);
    await h.clock.flush();
    const p = await h.api.create(refs.pods(), podObject('p'));
    await putPodRaw(p, 'n1');
    const rvIn = h.kv.currentRevision();
    await putPodRaw(p, 'n2');
    const rvMove = h.kv.currentRevision();
    await h.api.delete({ ...refs.pods(), name: 'p' }, { gracePeriodSeconds: 0 });
    await h.clock.flush();
    const rvDel = h.kv.currentRevision();
    w1.stop();
    w2.stop();
    expect(brief(n1)).toEqual([`ADDED p@${rvIn}`, `DELETED p@${rvMove}`]);
    expect((n1[1]?.object as KubeObject).spec).toMatchObject({ nodeName: 'n1' });
    expect(brief(n2)).toEqual([`ADDED p@${rvMove}`, `DELETED p@${rvDel}`]);
  });

  it('a namespaced node watch sees only its namespace’s pods on that node', async () => {
    const events: WatchEvent[] = [];
    const w = watch(refs.pods('kube-system'), { fieldSelector: 'spec.nodeName=n1' }, events);
    await h.clock.flush();
    await h.api.create(refs.pods(), podObject('other-ns', { nodeName: 'n1' }));
    await h.api.create(refs.pods('kube-system'), podObject('other-node', { nodeName: 'n2' }));
    const mine = await h.api.create(refs.pods('kube-system'), podObject('mine', { nodeName: 'n1' }));
    await h.clock.flush();
    w.stop();
    expect(brief(events)).toEqual([`ADDED mine@${rvOf(mine)}`]);
  });

  it('with a watch per node, each pod event reaches only the watches of its node (and unfiltered ones)', async () => {
    const deliver = vi.spyOn(ApiWatch.prototype, 'deliver');
    const nodes = Array.from({ length: 20 }, (_, i) => `node-${i}`);
    const perNode = new Map<string, WatchEvent[]>();
    const handles = nodes.map((n) => {
      const events: WatchEvent[] = [];
      perNode.set(n, events);
      return watch(refs.pods(), { fieldSelector: `spec.nodeName=${n}` }, events);
    });
    const all: WatchEvent[] = [];
    handles.push(watch(refs.pods(), {}, all));
    await h.clock.flush();
    expect(hubs().peek(PODS)?.watcherCount).toBe(21);
    deliver.mockClear();
    for (const [i, n] of nodes.entries()) {
      await h.api.create(refs.pods(), podObject(`p-${i}-a`, { nodeName: n }));
      await h.api.create(refs.pods(), podObject(`p-${i}-b`, { nodeName: n }));
    }
    await h.clock.flush();
    for (const w of handles) w.stop();
    for (const [i, n] of nodes.entries()) {
      expect(brief(perNode.get(n) ?? []).map((s) => s.split('@')[0])).toEqual([`ADDED p-${i}-a`, `ADDED p-${i}-b`]);
    }
    expect(all).toHaveLength(40);
    // 40 events, each to its node's watch and the unfiltered one — not to all 21 watches.
    expect(deliver).toHaveBeenCalledTimes(80);
  });

  it('a node watch’s bookmark carries the latest pod revision, even one from another node', async () => {
    const events: WatchEvent[] = [];
    const w = watch(refs.pods(), { fieldSelector: 'spec.nodeName=n1', allowWatchBookmarks: true }, events);
    await h.clock.flush();
    await h.api.create(refs.pods(), podObject('mine', { nodeName: 'n1' }));
    const other = await h.api.create(refs.pods(), podObject('other', { nodeName: 'n2' }));
    await h.clock.advance(60_000);
    w.stop();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect((events[1]?.object as KubeObject).metadata?.resourceVersion).toBe(rvOf(other));
  });

  it('a watch that stops itself while its buffered events are replayed leaves the hub', async () => {
    const w1 = watch(refs.configmaps(), {}, []);
    await h.clock.flush();
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.api.create(refs.configmaps(), configMapObject('c'));
    await h.clock.flush();
    const seen: string[] = [];
    const w2: WatchHandle = h.api.watch(refs.configmaps(), { resourceVersion: rvOf(a) }, (e) => {
      seen.push((e.object as KubeObject).metadata?.name ?? '');
      w2.stop();
    });
    await w2.done;
    await h.clock.flush();
    expect(seen).toEqual(['b']);
    expect(hubs().peek(CMS)?.watcherCount).toBe(1);
    w1.stop();
  });

  it('closing the apiserver closes its hubs', async () => {
    const w = watch(refs.pods(), {}, []);
    await h.clock.flush();
    expect(hubs().peek(PODS)).toBeDefined();
    await h.api.close();
    await w.done;
    expect(hubs().peek(PODS)).toBeUndefined();
  });
});
