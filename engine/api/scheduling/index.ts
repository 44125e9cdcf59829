/** Scheduling helpers shared by the scheduler, controllers and kubelet (component-helpers/scheduling/corev1). Only re-exports. */
export * from './node-affinity.ts';
export * from './tolerations.ts';
