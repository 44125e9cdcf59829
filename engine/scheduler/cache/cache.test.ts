import { describe, expect, it } from 'vitest';
import { fit } from '../../../solutions/scheduler/fit.ts';
import { makeNode, makePod } from '../testing.ts';
import { SchedulerCache } from './cache.ts';

const bound = (name: string, node: string, cpu: string) => ({ ...makePod(name, { cpu }), metadata: { name, namespace: 'default' }, spec: { ...makePod(name, { cpu }).spec!, nodeName: node } });

describe('SchedulerCache', () => {
  it('an assumed pod counts against its node until the informer confirms it, then once', () => {
    const c = new SchedulerCache(fit.podRequests);
    c.addNode(makeNode('n1', { cpu: '2' }));
    c.assumePod(bound('a', 'n1', '500m'));
    expect(c.get('n1')?.requested.milliCPU).toBe(500);
    expect(c.isAssumed('default/a')).toBe(true);
    c.addPod(bound('a', 'n1', '500m'));
    expect(c.get('n1')?.requested.milliCPU).toBe(500);
    expect(c.isAssumed('default/a')).toBe(false);
  });

  it('forgetting an assumed pod (failed bind) frees its resources', () => {
    const c = new SchedulerCache(fit.podRequests);
    c.addNode(makeNode('n1', { cpu: '2' }));
    const p = bound('a', 'n1', '500m');
    c.assumePod(p);
    c.forgetPod(p);
    expect(c.get('n1')?.requested.milliCPU).toBe(0);
    expect(c.get('n1')?.pods.size).toBe(0);
  });

  it('a pod seen before its node is counted once the node arrives; a removed node is not listed', () => {
    const c = new SchedulerCache(fit.podRequests);
    c.addPod(bound('a', 'n1', '1'));
    expect(c.list()).toEqual([]);
    c.addNode(makeNode('n1'));
    expect(c.get('n1')?.requested.milliCPU).toBe(1000);
    c.removeNode(makeNode('n1'));
    expect(c.list()).toEqual([]);
    c.removePod(bound('a', 'n1', '1'));
    expect(c.nodeCount()).toBe(0);
  });
});
