/** Exercise `scheduler.queue`: the active queue's order and the retry backoff (engine/scheduler/parts.ts QueuePart). */
import type { QueuedPodView, QueuePart } from '../../engine/scheduler/parts.ts';

export function less(a: QueuedPodView, b: QueuedPodView): boolean {
  // TODO: higher priority first; equal priorities in the order they entered the queue.
  void a;
  void b;
  throw new Error('TODO: less');
}

export function backoffDuration(attempts: number, initialMs: number, maxMs: number): number {
  // TODO: after the first failure wait initialMs, doubling with each further attempt, never above maxMs.
  void attempts;
  void initialMs;
  void maxMs;
  throw new Error('TODO: backoffDuration');
}

export const queue: QueuePart = { less, backoffDuration };
