/** The behaviour cases of the `scheduler.score` part (NormalizeScore, weights, selectHost). */
import { expect } from 'vitest';
import { Random } from '../util/random.ts';
import type { NodePluginScores, SchedulerParts, ScorePart } from './parts.ts';
import { failingCases, withScheduler, type PartCase } from './part-suite.ts';
import { makeNode, makePod } from './testing.ts';

const ns = (...scores: number[]) => scores.map((score, i) => ({ name: `node-${i + 1}`, score }));
const totals = (...t: number[]): NodePluginScores[] => t.map((totalScore, i) => ({ name: `node-${i + 1}`, scores: [], totalScore }));

export const scoreCases: readonly PartCase<ScorePart>[] = [
  {
    name: 'a node with an untolerated PreferNoSchedule taint is avoided while an untainted node is free',
    kind: 'cluster',
    async run(score, base) {
      await withScheduler({ ...base, score }, async (h) => {
        await h.addNodes(
          makeNode('node-1', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
          makeNode('node-2'),
          makeNode('node-3', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
        );
        for (const name of ['a', 'b', 'c']) {
          await h.createPod(makePod(name, { cpu: '100m' }));
          expect(await h.waitBound(name, 10_000)).toBe('node-2');
        }
      });
    },
  },
  {
    name: 'plugin weights decide: a preferred node affinity (NodeAffinity, weight 2) loses to an untolerated PreferNoSchedule taint (TaintToleration, weight 3)',
    kind: 'cluster',
    async run(score, base) {
      await withScheduler({ ...base, score }, async (h) => {
        await h.addNodes(
          makeNode('node-1', { labels: { disk: 'ssd' }, taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
          makeNode('node-2'),
        );
        const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } };
        // node-1: 2 × 100 (affinity) + 3 × 0 (taint); node-2: 2 × 0 + 3 × 100. Unweighted, they would tie.
        for (const name of ['a', 'b', 'c', 'd']) {
          await h.createPod(makePod(name, { cpu: '100m', affinity }));
          expect(await h.waitBound(name, 10_000), `node of pod ${name}`).toBe('node-2');
        }
      });
    },
  },
  {
    name: 'on identical empty nodes the first pod does not always land on the same node (ties are broken at random)',
    kind: 'cluster',
    async run(score, base) {
      const chosen = new Set<string>();
      for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
        await withScheduler(
          { ...base, score },
          async (h) => {
            await h.addNodes(makeNode('node-1'), makeNode('node-2'), makeNode('node-3'));
            await h.createPod(makePod('p'));
            chosen.add((await h.waitBound('p', 10_000)) ?? '');
          },
          { seed },
        );
      }
      expect(chosen.size).toBeGreaterThan(1);
    },
  },
  {
    name: 'NormalizeScore scales the best node to 100 with integer division',
    kind: 'part',
    run(score) {
      expect(score.normalizeScore(100, false, ns(10, 5, 0))).toEqual(ns(100, 50, 0));
      expect(score.normalizeScore(100, false, ns(3, 1))).toEqual(ns(100, 33));
      expect(score.normalizeScore(100, false, ns(0, 0))).toEqual(ns(0, 0));
    },
  },
  {
    name: 'reversed NormalizeScore makes the lowest count the best; all zero means all best',
    kind: 'part',
    run(score) {
      expect(score.normalizeScore(100, true, ns(2, 1, 0))).toEqual(ns(0, 50, 100));
      expect(score.normalizeScore(100, true, ns(0, 0, 0))).toEqual(ns(100, 100, 100));
    },
  },
  {
    name: 'the final score is the sum of normalized scores times plugin weights',
    kind: 'part',
    run(score) {
      const out = score.weightedSum([
        { plugin: 'TaintToleration', weight: 3, scores: ns(100, 0) },
        { plugin: 'NodeResourcesFit', weight: 1, scores: ns(20, 90) },
      ]);
      expect(out.map((n) => [n.name, n.totalScore])).toEqual([['node-1', 320], ['node-2', 90]]);
      expect(out[0]?.scores).toEqual([{ plugin: 'TaintToleration', score: 300 }, { plugin: 'NodeResourcesFit', score: 20 }]);
    },
  },
  {
    name: 'selectHost takes the highest total',
    kind: 'part',
    run(score) {
      const random = new Random('select');
      expect(score.selectHost(totals(10, 30, 20), random)).toBe('node-2');
      expect(score.selectHost(totals(5), random)).toBe('node-1');
    },
  },
  {
    name: 'selectHost picks each of the tied best nodes about equally often, never a worse one',
    kind: 'part',
    run(score) {
      const random = new Random('ties');
      const counts: Record<string, number> = {};
      for (let i = 0; i < 3000; i++) {
        const n = score.selectHost(totals(50, 70, 70, 10, 70), random);
        counts[n] = (counts[n] ?? 0) + 1;
      }
      expect(Object.keys(counts).sort()).toEqual(['node-2', 'node-3', 'node-5']);
      for (const n of ['node-2', 'node-3', 'node-5']) expect(counts[n]).toBeGreaterThan(800);
    },
  },
];

export const failingScoreCases = (score: ScorePart, base: SchedulerParts) => failingCases(scoreCases, score, base);
