/**
 * The four scheduler parts' suites against the reference, the untouched stubs (which must fail
 * every case), and deliberate mutants (typical mistakes each suite must catch).
 */
import { describe, expect, it } from 'vitest';
import { describeFit, failingFitCases, fitCases } from '../../engine/scheduler/fit-suite.ts';
import { describeTaints, failingTaintsCases, taintsCases } from '../../engine/scheduler/taints-suite.ts';
import { describeScore, failingScoreCases, scoreCases } from '../../engine/scheduler/score-suite.ts';
import { describeQueue, failingQueueCases, queueCases } from '../../engine/scheduler/queue-suite.ts';
import { addResource, emptyResource, resourceFromList } from '../../engine/scheduler/framework/resource.ts';
import type { FitPart, QueuePart, ScorePart, TaintsPart } from '../../engine/scheduler/parts.ts';
import { schedulerParts as ref } from './index.ts';
import { schedulerParts as stub } from '../../exercises/scheduler/index.ts';

describeFit('reference solution', ref.fit, ref);
describeTaints('reference solution', ref.taints, ref);
describeScore('reference solution', ref.score, ref);
describeQueue('reference solution', ref.queue, ref);

const names = (cases: readonly { name: string }[]) => cases.map((c) => c.name);

describe('the untouched learner stubs fail every case', () => {
  it('scheduler.fit', async () => expect(await failingFitCases(stub.fit, ref)).toEqual(names(fitCases)));
  it('scheduler.taints', async () => expect(await failingTaintsCases(stub.taints, ref)).toEqual(names(taintsCases)));
  it('scheduler.score', async () => expect(await failingScoreCases(stub.score, ref)).toEqual(names(scoreCases)));
  it('scheduler.queue', async () => expect(await failingQueueCases(stub.queue, ref)).toEqual(names(queueCases)));
});

describe('the suites catch typical mistakes', () => {
  it('scheduler.fit: forgetting the init-container max rule', async () => {
    const sumOnly: FitPart = {
      ...ref.fit,
      podRequests: (pod) => {
        const r = emptyResource();
        for (const c of pod.spec?.containers ?? []) addResource(r, resourceFromList(c.resources?.requests));
        return r;
      },
    };
    expect(await failingFitCases(sumOnly, ref)).toContain('pod requests: app containers add up; the largest init container raises them (max rule)');
  });

  it('scheduler.fit: comparing with allocatable instead of what is left', async () => {
    const ignoresUsed: FitPart = { ...ref.fit, fitsRequest: (r, n) => ref.fit.fitsRequest(r, { ...n, requested: emptyResource() }) };
    expect(await failingFitCases(ignoresUsed, ref)).toContain('CPU requested by pods already on the node is not free: the next pod waits, a smaller one fits');
  });

  it('scheduler.fit: rejecting a request that exactly fills the node (>= instead of >)', async () => {
    const offByOne: FitPart = {
      ...ref.fit,
      fitsRequest: (r, n) => ref.fit.fitsRequest(r, { ...n, allocatable: { ...n.allocatable, milliCPU: n.allocatable.milliCPU - 1 } }),
    };
    expect(await failingFitCases(offByOne, ref)).toContain('a request equal to what is left fits exactly; one millicore more does not');
  });

  it('scheduler.taints: Exists still comparing values', async () => {
    const existsComparesValue: TaintsPart = {
      ...ref.taints,
      toleratesTaint: (t, taint) => ref.taints.toleratesTaint(t, taint) && (t.operator !== 'Exists' || (t.value ?? '') === (taint.value ?? '')),
    };
    expect(await failingTaintsCases(existsComparesValue, ref)).toContain('operator Exists ignores the value');
  });

  it('scheduler.taints: an empty effect matching nothing', async () => {
    const strictEffect: TaintsPart = {
      toleratesTaint: (t, taint) => t.effect === taint.effect && ref.taints.toleratesTaint(t, taint),
      findUntoleratedTaint: (ts, tols, inc) => ts.find((x) => inc(x) && !tols.some((t) => t.effect === x.effect && ref.taints.toleratesTaint(t, x))),
    };
    const failed = await failingTaintsCases(strictEffect, ref);
    expect(failed).toContain('an empty effect matches every effect; a different effect does not');
    expect(failed).toContain('an empty key with Exists tolerates every taint');
  });

  it('scheduler.score: always taking the first of tied nodes', async () => {
    const firstWins: ScorePart = { ...ref.score, selectHost: (nodes) => [...nodes].sort((a, b) => b.totalScore - a.totalScore)[0]!.name };
    const failed = await failingScoreCases(firstWins, ref);
    expect(failed).toContain('selectHost picks each of the tied best nodes about equally often, never a worse one');
    expect(failed).toContain('on identical empty nodes the first pod does not always land on the same node (ties are broken at random)');
  });

  it('scheduler.score: ignoring `reverse` and the weights', async () => {
    const noReverse: ScorePart = { ...ref.score, normalizeScore: (m, _r, s) => ref.score.normalizeScore(m, false, s) };
    expect(await failingScoreCases(noReverse, ref)).toContain('a node with an untolerated PreferNoSchedule taint is avoided while an untainted node is free');
    const noWeights: ScorePart = { ...ref.score, weightedSum: (ps) => ref.score.weightedSum(ps.map((p) => ({ ...p, weight: 1 }))) };
    expect(await failingScoreCases(noWeights, ref)).toContain('the final score is the sum of normalized scores times plugin weights');
  });

  it('scheduler.queue: FIFO without priority', async () => {
    const fifo: QueuePart = { ...ref.queue, less: (a, b) => a.timestamp < b.timestamp };
    const failed = await failingQueueCases(fifo, ref);
    expect(failed).toContain('higher priority sorts first');
    expect(failed).toContain('a high-priority pod created after a backlog is scheduled first when capacity frees up');
  });

  it('scheduler.queue: backoff without the cap, or not doubling', async () => {
    const uncapped: QueuePart = { ...ref.queue, backoffDuration: (a, i) => i * 2 ** (a - 1) };
    expect(await failingQueueCases(uncapped, ref)).toContain('backoff is 1 s after the first failure, doubling per attempt, capped at 10 s');
    const flat: QueuePart = { ...ref.queue, backoffDuration: (_a, i) => i };
    expect(await failingQueueCases(flat, ref)).toContain('a pod that failed while a cluster event arrived waits out its backoff before it is retried');
  });
});
