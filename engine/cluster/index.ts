export * from './create-cluster.ts';
export * from './parts.ts';
export * from './trace.ts';
export * from './node-spec.ts';
export * from './node-pool.ts';
