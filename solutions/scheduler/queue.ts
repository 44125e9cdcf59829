/**
 * Reference for the `scheduler.queue` part (KK plugins/queuesort/priority_sort.go Less;
 * internal/queue/scheduling_queue.go calculateBackoffDuration).
 */
import type { QueuedPodView, QueuePart } from '../../engine/scheduler/parts.ts';

/**
 * Why priority first: a high-priority pod (a system component, a paying tenant) must not wait
 * behind a backlog of batch pods. Among equals, first come first served keeps the queue fair:
 * without the timestamp a pod could be overtaken forever.
 */
export function less(a: QueuedPodView, b: QueuedPodView): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp);
}

/**
 * Why exponential backoff: a pod that just failed will most likely fail again right away, and
 * retrying it in a tight loop would starve the others. 1 s, 2 s, 4 s, 8 s, then the 10 s cap.
 */
export function backoffDuration(attempts: number, initialMs: number, maxMs: number): number {
  let d = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (d > maxMs - d) return maxMs;
    d += d;
  }
  return Math.min(d, maxMs);
}

export const queue: QueuePart = { less, backoffDuration };
