export * from './manage-replicas.ts';
export * from './pod-util.ts';
export * from './expectations.ts';
export * from './slow-start.ts';
export * from './replica-set-status.ts';
export * from './replica-set-controller.ts';
