/**
 * PrioritySort (KK plugins/queuesort/priority_sort.go): the active queue pops the pod with the
 * highest spec.priority first, and among equals the one that entered the queue first. The
 * comparison itself is the `scheduler.queue` part.
 */
import type { Handle, QueueSortPlugin } from '../framework/interface.ts';
import { Names } from './names.ts';

export function newPrioritySort(handle: Handle): QueueSortPlugin {
  const { less } = handle.parts.queue;
  return { name: Names.PrioritySort, less: (a, b) => less(a, b) };
}
