/**
 * Shared machinery of the scheduler parts' suites: a case is a named async function that throws
 * on failure, so the same cases run as vitest tests (describe*) and as a plain loop that counts
 * failures (for the stub and mutant checks), like engine/store/key-index-suite.ts.
 */
import { describe, it } from 'vitest';
import type { SchedulerParts } from './parts.ts';
import { startSchedulerHarness, type SchedulerHarness } from './testing.ts';
import type { SchedulerOptions } from './scheduler.ts';

/**
 * A case of a part's suite. `base` supplies the other parts for cases that run a whole cluster
 * (engine code never imports solutions/: the test passes the reference parts in).
 */
export interface PartCase<P> {
  name: string;
  run(part: P, base: SchedulerParts): void | Promise<void>;
}

export function describeCases<P>(title: string, cases: readonly PartCase<P>[], part: P, base: SchedulerParts): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => c.run(part, base));
  });
}

/** Names of the cases `part` fails. */
export async function failingCases<P>(cases: readonly PartCase<P>[], part: P, base: SchedulerParts): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await c.run(part, base);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}

/** Runs `body` against a fresh cluster whose scheduler uses `parts`, closing it afterwards. */
export async function withScheduler(
  parts: SchedulerParts,
  body: (h: SchedulerHarness) => Promise<void>,
  options: Partial<Omit<SchedulerOptions, 'client' | 'clock' | 'parts'>> & { seed?: string } = {},
): Promise<void> {
  const h = await startSchedulerHarness(parts, options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}
