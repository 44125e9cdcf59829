import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { configMapObject, refs } from '../testing.ts';
import { useReferenceHarness } from '../../../test/apiserver-harness.ts';
import type { WatchEvent } from '../types.ts';

const h = useReferenceHarness();
const cmRef = (name: string) => ({ ...refs.configmaps(), name });
const brief = (events: WatchEvent[]) => events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name ?? ''}@${(e.object as KubeObject).metadata?.resourceVersion ?? ''}`);

describe('watch', () => {
  it('without a resourceVersion it first sends ADDED for every current object, then changes', async () => {
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), {}, (e) => events.push(e));
    await h.clock.flush();
    const b = await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.clock.flush();
    w.stop();
    expect(brief(events)).toEqual([`ADDED a@${a.metadata?.resourceVersion}`, `ADDED b@${b.metadata?.resourceVersion}`]);
  });

  it('resourceVersion "0" behaves like none: current state first', async () => {
    await h.api.create(refs.configmaps(), configMapObject('a'));
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: '0' }, (e) => events.push(e));
    await h.clock.flush();
    w.stop();
    expect(events.map((e) => e.type)).toEqual(['ADDED']);
  });

  it('DELETED carries the last state with the deletion’s resourceVersion', async () => {
    const a = await h.api.create(refs.configmaps(), configMapObject('a', { last: 'state' }));
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: a.metadata?.resourceVersion }, (e) => events.push(e));
    await h.api.delete(cmRef('a'));
    await h.clock.flush();
    w.stop();
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('DELETED');
    expect((events[0]?.object as KubeObject).data).toEqual({ last: 'state' });
    expect((events[0]?.object as KubeObject).metadata?.resourceVersion).toBe(String(h.kv.currentRevision()));
  });

  it('with a selector, an object that stops matching is DELETED and one that starts matching is ADDED', async () => {
    const start = await h.api.list(refs.configmaps());
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: start.metadata.resourceVersion, labelSelector: 'app=web' }, (e) => events.push(e));
    const a = await h.api.create(refs.configmaps(), configMapObject('a', {}, { app: 'db' }));
    const a2 = await h.api.update(cmRef('a'), { ...a, metadata: { ...a.metadata, labels: { app: 'web' } } });
    const a3 = await h.api.update(cmRef('a'), { ...a2, data: { x: '1' } });
    const a4 = await h.api.update(cmRef('a'), { ...a3, metadata: { ...a3.metadata, labels: { app: 'db' } } });
    await h.clock.flush();
    w.stop();
    expect(brief(events)).toEqual([`ADDED a@${a2.metadata?.resourceVersion}`, `MODIFIED a@${a3.metadata?.resourceVersion}`, `DELETED a@${a4.metadata?.resourceVersion}`]);
    expect((events[2]?.object as KubeObject).metadata?.labels).toEqual({ app: 'web' });
  });

  it('a namespaced watch sees only its namespace', async () => {
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps('kube-system'), {}, (e) => events.push(e));
    await h.api.create(refs.configmaps(), configMapObject('elsewhere'));
    await h.api.create(refs.configmaps('kube-system'), configMapObject('here'));
    await h.clock.flush();
    w.stop();
    expect(brief(events).map((s) => s.split('@')[0])).toEqual(['ADDED here']);
  });

  it('a compacted resourceVersion gives one ERROR with 410 `too old resource version`, then the watch ends', async () => {
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.api.create(refs.configmaps(), configMapObject('b'));
    await h.api.create(refs.configmaps(), configMapObject('c'));
    const compactAt = h.kv.currentRevision();
    await h.kv.compact(compactAt);
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { resourceVersion: a.metadata?.resourceVersion }, (e) => events.push(e));
    await w.done;
    expect(events).toHaveLength(1);
    expect(events[0]?.object).toMatchObject({ code: 410, reason: 'Expired', message: `too old resource version: ${a.metadata?.resourceVersion} (${compactAt - 1})` });
  });

  it('timeoutSeconds ends the watch on the cluster clock', async () => {
    const w = h.api.watch(refs.configmaps(), { timeoutSeconds: 30 }, () => undefined);
    let ended = false;
    void w.done.then(() => (ended = true));
    await h.clock.advance(29_000);
    expect(ended).toBe(false);
    await h.clock.advance(1_000);
    expect(ended).toBe(true);
  });

  it('a bookmark carries the resourceVersion of the last change delivered', async () => {
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { allowWatchBookmarks: true }, (e) => events.push(e));
    const a = await h.api.create(refs.configmaps(), configMapObject('a'));
    await h.clock.advance(60_000);
    w.stop();
    expect(events.at(-1)).toEqual({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: a.metadata?.resourceVersion } } });
  });

  it('stop() and the apiserver’s close() end watches; nothing is delivered afterwards', async () => {
    const events: WatchEvent[] = [];
    const w1 = h.api.watch(refs.configmaps(), {}, (e) => events.push(e));
    const w2 = h.api.watch(refs.configmaps(), {}, (e) => events.push(e));
    await h.clock.flush();
    w1.stop();
    await h.api.close();
    await w2.done;
    await h.kv.put('/registry/configmaps/default/x', JSON.stringify(configMapObject('x')));
    await h.clock.flush();
    expect(events).toEqual([]);
  });

  it('a bad selector is reported as an ERROR event with a 400 Status', async () => {
    const events: WatchEvent[] = [];
    const w = h.api.watch(refs.configmaps(), { labelSelector: 'a in (' }, (e) => events.push(e));
    await w.done;
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ code: 400 });
  });
});
