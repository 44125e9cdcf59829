export * from './tolerations.ts';
export * from './taint-eviction-controller.ts';
