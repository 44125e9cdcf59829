import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { serve, type Served } from './testing.ts';

let s: Served;
beforeEach(async () => {
  s = await serve({ nodes: 1 });
});
afterEach(async () => {
  await s.close();
});

const PODS = '/api/v1/namespaces/default/pods';

async function runPod(name: string, containers: corev1.Container[], until: (p: corev1.Pod) => boolean): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { restartPolicy: 'Never', containers } };
  expect((await s.call(PODS, { method: 'POST', json: pod })).status).toBe(201);
  const ok = await s.cluster.clock.runUntil(async () => until(await s.cluster.client().pods('default').get(name)), { timeoutMs: 5 * 60_000 });
  expect(ok).toBe(true);
}

const running = (p: corev1.Pod) => p.status?.phase === 'Running';

describe('pod logs over HTTP', () => {
  it('answers the only container’s lines as text/plain, with tailLines and timestamps', async () => {
    await runPod('one', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo a; echo b; echo c; sleep 3600'] }], running);
    const all = await s.call(`${PODS}/one/log`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/plain');
    expect(await all.text()).toBe('a\nb\nc\n');
    expect(await (await s.call(`${PODS}/one/log?tailLines=1`)).text()).toBe('c\n');
    expect(await (await s.call(`${PODS}/one/log?limitBytes=2`)).text()).toBe('a\n');
    expect(await (await s.call(`${PODS}/one/log?sinceTime=2100-01-01T00:00:00Z`)).text()).toBe('');
    expect((await s.call(`${PODS}/one/log?sinceTime=yesterday`)).status).toBe(400);
    expect(await (await s.call(`${PODS}/one/log?tailLines=1&timestamps=true`)).text()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z c\n$/);
  });

  it('with two containers a container name is required, as upstream words it', async () => {
    await runPod('two', [
      { name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'echo from-a; sleep 3600'] },
      { name: 'b', image: 'busybox:1.36', command: ['sh', '-c', 'echo from-b; sleep 3600'] },
    ], running);
    const res = await s.call(`${PODS}/two/log`);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    expect(await (await s.call(`${PODS}/two/log?container=b`)).text()).toBe('from-b\n');
    expect((await s.call(`${PODS}/two/log?container=zzz`)).status).toBe(400);
    expect((await s.call(`${PODS}/missing/log`)).status).toBe(404);
  });

  it('follow streams new lines and ends when the container exits', async () => {
    await runPod('f', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo first; sleep 10; echo second; sleep 10'] }], running);
    const res = await s.call(`${PODS}/f/log?follow=true`);
    expect(res.status).toBe(200);
    const textPromise = res.text();
    await s.cluster.clock.advance(60_000);
    expect(await textPromise).toBe('first\nsecond\n');
  });
});
