export * from './endpoint-util.ts';
export * from './endpoints-subsets.ts';
export * from './endpoints-controller.ts';
