export * from './create-cluster.ts';
export * from './parts.ts';
export * from './trace.ts';
