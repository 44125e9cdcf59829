/**
 * Runs an exercise's cases in this process against one implementation of its part. The grader's
 * child process uses it (with the isolation and time limits around it, see run-exercise.ts); the
 * self-check uses it directly against stubs, solutions and mutants.
 */
import { createCluster, formatElapsed, formatTraceEntry, type Cluster } from '../engine/cluster/index.ts';
import type { CaseContext, ExerciseTests, GradeCase } from './exercise-tests.ts';
import type { CaseResult } from './results.ts';
import { describeFailure } from './failure.ts';

const LOG_LINES = 12;

export interface RunCaseOptions {
  /** Rejects an async case that takes longer (a sync infinite loop needs the child's kill). */
  timeLimitMs?: number;
}

export async function runCase<P>(tests: ExerciseTests, c: GradeCase<P>, part: P, options: RunCaseOptions = {}): Promise<CaseResult> {
  const steps: string[] = [];
  const clusters: { cluster: Cluster; startedAt: number }[] = [];
  const t: CaseContext = {
    async cluster(clusterOptions = {}) {
      const cluster = await createCluster({ ...clusterOptions, parts: { [tests.part]: part } });
      clusters.push({ cluster, startedAt: cluster.clock.now() });
      return cluster;
    },
    step(text) {
      steps.push(text);
    },
  };
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const run = Promise.resolve().then(() => c.run(part, t));
    const limit = options.timeLimitMs;
    await (limit === undefined
      ? run
      : Promise.race([
          run,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new CaseTimeout(limit)), limit);
          }),
        ]));
    return { name: c.name, kind: c.kind, status: 'pass', durationMs: performance.now() - started };
  } catch (err) {
    const clusterLog = c.kind === 'cluster' ? await clusterLogs(clusters) : undefined;
    return {
      name: c.name,
      kind: c.kind,
      status: err instanceof CaseTimeout ? 'timeout' : 'fail',
      durationMs: performance.now() - started,
      ...describeFailure(err),
      ...(steps.length ? { steps } : {}),
      ...(clusterLog?.length ? { clusterLog } : {}),
    };
  } finally {
    if (timer) clearTimeout(timer);
    await Promise.all(clusters.map(({ cluster }) => cluster.close().catch(() => undefined)));
  }
}

/** Runs every case in order; the names of those that did not pass (for the self-check). */
export async function failingCases<P>(tests: ExerciseTests, part: P, options: RunCaseOptions = {}): Promise<string[]> {
  const failed: string[] = [];
  for (const c of tests.cases as readonly GradeCase<P>[]) {
    const r = await runCase(tests, c, part, options);
    if (r.status !== 'pass') failed.push(c.name);
  }
  return failed;
}

export class CaseTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${limitMs / 1000} s (an infinite loop, or waiting for something that never happens?)`);
    this.name = 'CaseTimeout';
  }
}

/**
 * The last events, component errors and API calls of each cluster the case made, oldest first;
 * times are relative to the cluster's creation.
 */
async function clusterLogs(clusters: readonly { cluster: Cluster; startedAt: number }[]): Promise<string[]> {
  const lines: string[] = [];
  for (const [i, { cluster, startedAt }] of clusters.entries()) {
    if (clusters.length > 1) lines.push(`-- cluster ${i + 1}`);
    try {
      // a list comes in key (name) order; the story is in write order
      const events = (await cluster.client('grader').events().list()).items;
      const rv = (e: (typeof events)[number]) => Number(e.metadata?.resourceVersion ?? 0);
      const last = [...events].sort((a, b) => rv(a) - rv(b)).slice(-LOG_LINES);
      if (last.length) lines.push('events:');
      for (const e of last) {
        const obj = e.involvedObject;
        lines.push(`  ${e.type ?? 'Normal'} ${e.reason ?? ''} ${obj?.kind ?? ''}/${obj?.name ?? ''}: ${e.message ?? ''}`.trimEnd());
      }
    } catch {
      // a cluster broken by the code under test still gets its errors and trace printed
    }
    const errors = cluster.errors().slice(-LOG_LINES);
    if (errors.length) lines.push('component errors:');
    for (const e of errors) lines.push(`  ${formatElapsed(e.time - startedAt)} ${e.component}: ${e.message}`);
    const trace = cluster.trace.last(LOG_LINES);
    if (trace.length) lines.push('API calls (trace):');
    for (const entry of trace) lines.push(`  ${formatTraceEntry(entry, startedAt)}`);
  }
  return lines;
}
