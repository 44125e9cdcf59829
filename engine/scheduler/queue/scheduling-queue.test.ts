import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { VirtualClock } from '../../util/clock.ts';
import { queue as queuePart } from '../../../solutions/scheduler/queue.ts';
import { SchedulingQueue } from './scheduling-queue.ts';

const pod = (name: string, extra: Partial<corev1.PodSpec> = {}): corev1.Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});

async function failOnce(q: SchedulingQueue, plugins: string[]) {
  const info = (await q.pop())!;
  info.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(info, q.schedulingCycle);
  return info;
}

describe('SchedulingQueue', () => {
  it('moves an unschedulable pod only on events its rejecting plugins registered for', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock, queue: queuePart });
    q.add(pod('a'));
    await failOnce(q, ['NodeResourcesFit']);
    expect(q.pendingPods().unschedulable).toEqual(['default/a']);
    q.moveAllToActiveOrBackoff('AssignedPodAdd', new Set(['InterPodAffinity']));
    expect(q.pendingPods().unschedulable).toEqual(['default/a']);
    await clock.advance(5000);
    q.moveAllToActiveOrBackoff('AssignedPodDelete', new Set(['NodeResourcesFit']));
    expect(q.pendingPods().active).toEqual(['default/a']);
    q.close();
  });

  it('an event for a pod still backing off sends it to backoffQ, not activeQ', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock, queue: queuePart });
    q.run();
    q.add(pod('a'));
    await failOnce(q, ['NodeResourcesFit']);
    q.moveAllToActiveOrBackoff('NodeAdd', new Set(['NodeResourcesFit']));
    expect(q.pendingPods().backoff).toEqual(['default/a']);
    await clock.advance(1000);
    expect(q.pendingPods().active).toEqual(['default/a']);
    q.close();
  });

  it('a status-only update leaves an unschedulable pod where it is; a spec change moves it', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock, queue: queuePart });
    const p = pod('a');
    q.add(p);
    await failOnce(q, ['NodeAffinity']);
    await clock.advance(20_000);
    q.update({ ...p, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } }, p);
    expect(q.pendingPods().unschedulable).toEqual(['default/a']);
    q.update(pod('a', { nodeSelector: { disk: 'ssd' } }), p);
    expect(q.pendingPods().active).toEqual(['default/a']);
    q.close();
  });

  it('a deleted pod leaves every queue; a pop waiting on an empty queue resolves when a pod arrives', async () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue({ clock, queue: queuePart });
    q.add(pod('a'));
    q.delete(pod('a'));
    expect(q.pendingPods()).toEqual({ active: [], backoff: [], unschedulable: [] });
    const waiting = q.pop();
    q.add(pod('b'));
    expect((await waiting)?.key).toBe('default/b');
    q.close();
    expect(await q.pop()).toBeUndefined();
  });
});
