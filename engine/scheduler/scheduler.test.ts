import { afterEach, describe, expect, it } from 'vitest';
import { schedulerParts } from '../../solutions/scheduler/index.ts';
import { makeNode, makePod, startSchedulerHarness, type SchedulerHarness } from './testing.ts';

let h: SchedulerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('kube-scheduler', () => {
  it('binds a pending pod to a node and records a Scheduled event', async () => {
    h = await startSchedulerHarness(schedulerParts);
    await h.addNodes(makeNode('node-1'));
    await h.createPod(makePod('web'));
    expect(await h.waitBound('web')).toBe('node-1');
    const pod = await h.getPod('web');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const events = await h.events('web');
    expect(events.map((e) => [e.type, e.reason, e.message])).toContainEqual(['Normal', 'Scheduled', 'Successfully assigned default/web to node-1']);
  });

  it('a pod that requests more CPU than any node has stays Pending with the upstream message', async () => {
    h = await startSchedulerHarness(schedulerParts);
    await h.addNodes(makeNode('node-1', { cpu: '2' }), makeNode('node-2', { cpu: '2' }), makeNode('node-3', { cpu: '2' }));
    await h.createPod(makePod('big', { cpu: '64' }));
    const expected = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..';
    expect(await h.waitUnschedulable('big')).toBe(expected);
    const pod = await h.getPod('big');
    expect(pod.spec?.nodeName).toBeUndefined();
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: expected });
    const events = await h.events('big');
    expect(events.map((e) => [e.type, e.reason, e.message])).toContainEqual(['Warning', 'FailedScheduling', expected]);
  });
});
