/**
 * The contract between an exercise's pristine test file (grader/tests/<exercise-id>.ts), its
 * mutants (grader/mutants/<exercise-id>.ts) and the grader.
 *
 * A test file names the part it grades, says how to take that part out of a module (the
 * learner's file in exercises/, or the reference in solutions/), and lists cases. A case is a
 * plain function that throws on failure (vitest's `expect` works outside vitest), so the grader
 * can run it in an isolated child process with a time limit, and the self-check can run it in
 * process against the stub, the solution and the mutants.
 *
 * `cluster` cases check the part through the cluster's API — what a user of Kubernetes would
 * see (a pod stays Pending with `0/3 nodes are available: 3 Insufficient cpu.`, an update gets a
 * 409). `part` cases call the part's interface directly for the edge cases that are hard to
 * reach through a cluster. Neither ever looks at a part's internals.
 */
import type { Cluster, ClusterOptions } from '../engine/cluster/index.ts';
import type { PartId, Parts } from '../engine/cluster/parts.ts';

export interface CaseContext {
  /**
   * A fresh cluster (virtual clock) whose part under test is the implementation being graded;
   * every other part is the reference. The grader closes it after the case and, when the case
   * fails, puts the cluster's last events and trace lines into the transcript.
   */
  cluster(options?: Omit<ClusterOptions, 'parts' | 'clock'>): Promise<Cluster>;
  /** Records one step of what the test did, for the failure transcript ("created pod big (cpu 64)"). */
  step(text: string): void;
}

export interface GradeCase<P> {
  /** Reads as a specification: "a pod that requests more CPU than any node has stays Pending". */
  name: string;
  kind: 'part' | 'cluster';
  run(part: P, t: CaseContext): void | Promise<void>;
}

export interface ExerciseTests<Id extends PartId = PartId> {
  part: Id;
  /**
   * Takes the part out of a module (the learner's file or the solution). Throws a clear error
   * when an export is missing or has the wrong type (use `exportOf`).
   */
  load(module: Record<string, unknown>): Parts[Id];
  cases: readonly GradeCase<Parts[Id]>[];
}

/** A deliberate, typical mistake. The self-check proves every mutant fails at least one case. */
export interface Mutant<Id extends PartId = PartId> {
  name: string;
  /** The mistake in a learner's words: "treats a toleration with an empty key as matching nothing". */
  mistake: string;
  make(reference: Parts[Id]): Parts[Id];
}

export interface ExerciseMutants<Id extends PartId = PartId> {
  part: Id;
  mutants: readonly Mutant<Id>[];
}

export function defineExerciseTests<Id extends PartId>(tests: ExerciseTests<Id>): ExerciseTests<Id> {
  return tests;
}

export function defineMutants<Id extends PartId>(mutants: ExerciseMutants<Id>): ExerciseMutants<Id> {
  return mutants;
}

/** `module[name]` if it is of `type`; otherwise an error a learner understands. */
export function exportOf<T>(module: Record<string, unknown>, name: string, type: 'function' | 'object' = 'function'): T {
  const value = module[name];
  if (value === undefined) throw new Error(`the file does not export \`${name}\` (did you rename or remove it?)`);
  if (typeof value !== type) throw new Error(`\`${name}\` should be a ${type}, but the file exports a ${typeof value}`);
  return value as T;
}
