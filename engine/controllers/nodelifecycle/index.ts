export * from './node-taints.ts';
export * from './zone-state.ts';
export * from './node-lifecycle-controller.ts';
