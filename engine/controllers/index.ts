// The controller-manager and its controllers. Workload controllers (replicaset/, deployment/,
// job/, cronjob/, daemonset/) are re-exported from their own folders' index.ts by the lead.
export * from './context.ts';
export * from './controller-manager.ts';
export * from './default-controllers.ts';
export * from './garbagecollector/index.ts';
export * from './namespace/index.ts';
export * from './nodelifecycle/index.ts';
export * from './tainteviction/index.ts';
export * from './serviceaccount/index.ts';
export * from './podgc/index.ts';
