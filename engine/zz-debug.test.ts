import { it } from 'vitest';
import { schedulerParts } from '../solutions/scheduler/index.ts';
import { makeNode, makePod, startSchedulerHarness } from './scheduler/testing.ts';
it('dbg', async () => {
  const h = await startSchedulerHarness(schedulerParts);
  await h.createPod(makePod('low-1', { priority: 0 }));
  await h.createPod(makePod('high', { priority: 1000 }));
  await h.cluster.clock.flush();
  console.log(h.scheduler.pendingPods(), h.scheduler.stats);
  await h.addNodes(makeNode('node-1', { pods: '1' }));
  console.log(h.scheduler.pendingPods(), h.scheduler.stats);
  await h.cluster.clock.advance(1500);
  console.log(h.scheduler.pendingPods(), h.scheduler.stats, (await h.getPod('high')).spec?.nodeName, (await h.getPod('high')).spec?.priority);
  await h.close();
});
