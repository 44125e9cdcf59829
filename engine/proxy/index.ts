export * from './rule-table.ts';
export * from './session-affinity.ts';
export * from './proxier.ts';
export * from './kube-proxy.ts';
export * from './change-tracker.ts';
