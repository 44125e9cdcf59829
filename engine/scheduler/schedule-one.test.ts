import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from './schedule-one.ts';
import { fitErrorMessage } from './fit-error.ts';
import { unresolvable, unschedulable, type Status } from './framework/status.ts';

describe('numFeasibleNodesToFind', () => {
  it('examines every node below 100 nodes', () => {
    expect([1, 50, 99].map((n) => numFeasibleNodesToFind(n))).toEqual([1, 50, 99]);
  });
  it('uses the adaptive percentage 50 − nodes/125, at least 5%, and never fewer than 100 nodes', () => {
    expect(numFeasibleNodesToFind(100)).toBe(100); // 49% of 100 = 49 → raised to 100
    expect(numFeasibleNodesToFind(1000)).toBe(420); // 42%
    expect(numFeasibleNodesToFind(5000)).toBe(500); // 10%
    expect(numFeasibleNodesToFind(10_000)).toBe(500); // 50 − 80 < 5 → 5%
    expect(numFeasibleNodesToFind(1500)).toBe(570); // 38%
  });
  it('honours an explicit percentageOfNodesToScore', () => {
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000);
    expect(numFeasibleNodesToFind(1000, 1)).toBe(100);
  });
});

describe('FitError message', () => {
  const diag = (statuses: Status[]) => ({
    nodeToStatus: new Map(statuses.map((s, i) => [`n${i}`, s])),
    unschedulablePlugins: new Set<string>(),
  });
  it('sorts "<count> <reason>" as strings, like upstream (so 10 sorts before 2)', () => {
    const statuses = [...Array(10).fill(unschedulable('Insufficient memory')), ...Array(2).fill(unschedulable('Insufficient cpu'))];
    expect(fitErrorMessage(12, diag(statuses), { preemption: false })).toBe('0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.');
  });
  it('counts every reason of a node that lacks several resources', () => {
    expect(fitErrorMessage(1, diag([unschedulable('Insufficient cpu', 'Insufficient memory')]), { preemption: false })).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.',
    );
  });
  it('adds the preemption sentence: unresolvable nodes are not helpful, the others have no victims', () => {
    expect(fitErrorMessage(3, diag([unschedulable('Insufficient cpu'), unresolvable('node(s) were unschedulable'), unschedulable('Too many pods')]))).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 Too many pods, 1 node(s) were unschedulable. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });
  it('a pod that may not preempt says so instead of counting victims', () => {
    expect(fitErrorMessage(1, diag([unschedulable('Insufficient cpu')]), { preemptionPolicy: 'Never' })).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });
  it('a PreFilter rejection replaces the histogram', () => {
    const d = { ...diag([unresolvable('x'), unresolvable('x')]), preFilterMsg: 'persistentvolumeclaim "data" not found' };
    expect(fitErrorMessage(2, d, { preemption: false })).toBe('0/2 nodes are available: persistentvolumeclaim "data" not found.');
  });
});
