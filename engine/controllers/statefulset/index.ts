export * from './identity.ts';
export * from './ordering.ts';
export * from './history.ts';
export * from './claim-retention.ts';
export * from './statefulset-status.ts';
export * from './statefulset-controller.ts';
export * from './stateful-pod-control.ts';
