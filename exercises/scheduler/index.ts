import type { SchedulerParts } from '../../engine/scheduler/parts.ts';
import { fit } from './fit.ts';
import { queue } from './queue.ts';
import { score } from './score.ts';
import { taints } from './taints.ts';

export { fit, queue, score, taints };

export const schedulerParts: SchedulerParts = { fit, taints, score, queue };
