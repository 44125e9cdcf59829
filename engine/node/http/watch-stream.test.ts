import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOKMARK_INTERVAL_MS } from '../../apiserver/handlers/watch.ts';
import { configMap, serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve();
});
afterEach(async () => {
  await s.close();
});

const CM = '/api/v1/namespaces/default/configmaps';

/** Reads a watch response line by line. */
function lines(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  return {
    async next(): Promise<{ type: string; object: Record<string, any> } | undefined> {
      for (;;) {
        const i = buf.indexOf('\n');
        if (i >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          return JSON.parse(line);
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        buf += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('watch over HTTP', () => {
  it('streams ADDED for what exists, then changes, one JSON object per line', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a') });
    const res = await s.call(`${CM}?watch=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const w = lines(res);
    const first = await w.next();
    expect([first?.type, first?.object.metadata.name]).toEqual(['ADDED', 'a']);
    await s.call(CM, { method: 'POST', json: configMap('b') });
    await s.call(`${CM}/a`, { method: 'DELETE' });
    expect((await w.next())?.type).toBe('ADDED');
    const del = await w.next();
    expect([del?.type, del?.object.metadata.name]).toEqual(['DELETED', 'a']);
    await w.cancel();
  });

  it('watch on a name only sends that object', async () => {
    const res = await s.call(`${CM}/a?watch=true`);
    const w = lines(res);
    await s.call(CM, { method: 'POST', json: configMap('b') });
    await s.call(CM, { method: 'POST', json: configMap('a') });
    expect((await w.next())?.object.metadata.name).toBe('a');
    await w.cancel();
  });

  it('sends BOOKMARKs when asked, with the current resourceVersion', async () => {
    const created = await (await s.call(CM, { method: 'POST', json: configMap('a') })).json();
    const res = await s.call(`${CM}?watch=1&allowWatchBookmarks=true&resourceVersion=${created.metadata.resourceVersion}`);
    const w = lines(res);
    await s.cluster.clock.advance(BOOKMARK_INTERVAL_MS);
    const bm = await w.next();
    expect(bm?.type).toBe('BOOKMARK');
    expect(bm?.object.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    await w.cancel();
  });

  it('ends after timeoutSeconds of the cluster clock', async () => {
    const res = await s.call(`${CM}?watch=1&timeoutSeconds=5`);
    const w = lines(res);
    await s.cluster.clock.advance(5_000);
    expect(await w.next()).toBeUndefined();
  });

  it('a compacted resourceVersion answers an ERROR event with a 410 Status', async () => {
    for (const n of ['a', 'b', 'c']) await s.call(CM, { method: 'POST', json: configMap(n) });
    await s.cluster.kv.compact(s.cluster.kv.currentRevision());
    const res = await s.call(`${CM}?watch=1&resourceVersion=2`);
    const w = lines(res);
    const ev = await w.next();
    expect(ev?.type).toBe('ERROR');
    expect(ev?.object).toMatchObject({ kind: 'Status', code: 410 });
    expect(await w.next()).toBeUndefined();
  });

  it('stops the apiserver watch when the client goes away', async () => {
    const res = await s.call(`${CM}?watch=1`);
    const w = lines(res);
    await s.call(CM, { method: 'POST', json: configMap('a') });
    await w.next();
    await w.cancel();
    // After the client left, writes keep working and a fresh watch still sees them.
    await new Promise((r) => setImmediate(r));
    await s.call(CM, { method: 'POST', json: configMap('b') });
    const again = lines(await s.call(`${CM}?watch=1`));
    const names = [(await again.next())?.object.metadata.name, (await again.next())?.object.metadata.name];
    expect(names.sort()).toEqual(['a', 'b']);
    await again.cancel();
  });

  it('with the Table Accept (kubectl get -w) each event carries a one-row Table', async () => {
    await s.call(CM, { method: 'POST', json: configMap('a') });
    const w = lines(await s.call(`${CM}?watch=1`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }));
    const ev = await w.next();
    expect([ev?.type, ev?.object.kind, ev?.object.rows.length, ev?.object.rows[0].cells[0]]).toEqual(['ADDED', 'Table', 1, 'a']);
    await w.cancel();
  });
});
