/** The behaviour cases of the `scheduler.queue` part (PrioritySort's less, backoff). */
import { expect } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { VirtualClock } from '../util/clock.ts';
import type { QueuePart, SchedulerParts } from './parts.ts';
import { failingCases, withScheduler, type PartCase } from './part-suite.ts';
import { SchedulingQueue } from './queue/scheduling-queue.ts';
import { makeNode, makePod } from './testing.ts';

const pod = (name: string, priority?: number): corev1.Pod => ({ ...makePod(name, { priority }), metadata: { name, namespace: 'default' } });

export const queueCases: readonly PartCase<QueuePart>[] = [
  {
    name: 'a high-priority pod created after a backlog is scheduled first when capacity frees up',
    kind: 'cluster',
    async run(queue, base) {
      await withScheduler({ ...base, queue }, async (h) => {
        await h.createPod(makePod('low-1', { priority: 0 }));
        await h.createPod(makePod('low-2', { priority: 0 }));
        await h.createPod(makePod('high', { priority: 1000 }));
        await h.cluster.clock.flush();
        // One slot only: whoever is first in the active queue when the node appears gets it.
        await h.addNodes(makeNode('node-1', { pods: '1' }));
        expect(await h.waitBound('high', 10_000)).toBe('node-1');
        expect((await h.getPod('low-1')).spec?.nodeName).toBeUndefined();
      });
    },
  },
  {
    name: 'a pod that keeps failing is retried 1 s, 2 s, 4 s and 8 s after each failure, then every 10 s (its PodScheduled message shows each retry)',
    kind: 'cluster',
    async run(queue, base) {
      await withScheduler({ ...base, queue }, async (h) => {
        const clock = h.cluster.clock;
        const message = async () => (await h.getPod('big')).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message ?? '';
        await h.createPod(makePod('big', { cpu: '2' }));
        await h.waitUnschedulable('big', 10_000);
        // Each new node is a cluster event that moves the pod out of the unschedulable pods; it
        // still waits out its backoff, and fails again (the node is too small).
        const waited: number[] = [];
        for (let i = 1; i <= 6; i++) {
          await h.addNodes(makeNode(`small-${i}`, { cpu: '1' }));
          const added = clock.now();
          await clock.runUntil(async () => (await message()).startsWith(`0/${i} nodes are available`), { timeoutMs: 60_000 });
          waited.push(clock.now() - added);
        }
        expect(waited).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
      });
    },
  },
  {
    name: 'higher priority sorts first',
    kind: 'part',
    run(queue) {
      expect(queue.less({ priority: 10, timestamp: 5 }, { priority: 1, timestamp: 1 })).toBe(true);
      expect(queue.less({ priority: 1, timestamp: 1 }, { priority: 10, timestamp: 5 })).toBe(false);
      expect(queue.less({ priority: 0, timestamp: 1 }, { priority: -5, timestamp: 0 })).toBe(true);
    },
  },
  {
    name: 'equal priorities keep queue order (earlier first), and no pod sorts before itself',
    kind: 'part',
    run(queue) {
      expect(queue.less({ priority: 3, timestamp: 1 }, { priority: 3, timestamp: 2 })).toBe(true);
      expect(queue.less({ priority: 3, timestamp: 2 }, { priority: 3, timestamp: 1 })).toBe(false);
      expect(queue.less({ priority: 3, timestamp: 2 }, { priority: 3, timestamp: 2 })).toBe(false);
    },
  },
  {
    name: 'backoff is 1 s after the first failure, doubling per attempt, capped at 10 s',
    kind: 'part',
    run(queue) {
      expect([1, 2, 3, 4, 5, 6, 20].map((a) => queue.backoffDuration(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
      expect(queue.backoffDuration(3, 500, 60_000)).toBe(2000);
    },
  },
  {
    name: 'the active queue pops by priority, then by arrival',
    kind: 'part',
    async run(queue) {
      const clock = new VirtualClock();
      const q = new SchedulingQueue({ clock, queue });
      q.add(pod('a', 0));
      await clock.advance(1);
      q.add(pod('b', 100));
      await clock.advance(1);
      q.add(pod('c', 0));
      q.add(pod('d', 100));
      const order: string[] = [];
      for (let i = 0; i < 4; i++) order.push((await q.pop())?.pod.metadata?.name ?? '');
      expect(order).toEqual(['b', 'd', 'a', 'c']);
      q.close();
    },
  },
  {
    name: 'a pod that failed while a cluster event arrived waits out its backoff before it is retried',
    kind: 'part',
    async run(queue) {
      const clock = new VirtualClock();
      const q = new SchedulingQueue({ clock, queue });
      q.run();
      q.add(pod('a'));
      let info = await q.pop();
      q.moveAllToActiveOrBackoff('NodeAdd', new Set());
      q.addUnschedulableIfNotPresent(info!, q.schedulingCycle);
      expect(q.pendingPods().backoff).toEqual(['default/a']);
      await clock.advance(1000);
      expect(q.pendingPods().active).toEqual(['default/a']);
      info = await q.pop();
      q.moveAllToActiveOrBackoff('NodeAdd', new Set());
      q.addUnschedulableIfNotPresent(info!, q.schedulingCycle); // second failure: 2 s
      await clock.advance(1000);
      expect(q.pendingPods().backoff).toEqual(['default/a']);
      await clock.advance(1000);
      expect(q.pendingPods().active).toEqual(['default/a']);
      q.close();
    },
  },
];

export const failingQueueCases = (queue: QueuePart, base: SchedulerParts) => failingCases(queueCases, queue, base);
