export * from './node-should-run.ts';
export * from './daemon-pod.ts';
export * from './history.ts';
export * from './rolling-update.ts';
export * from './daemonset-status.ts';
export * from './daemonset-controller.ts';
