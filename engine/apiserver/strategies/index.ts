export * from './strategy.ts';
export * from './strategy-for.ts';
export * from './pod.ts';
export * from './namespace.ts';
export * from './workloads.ts';
export * from './job.ts';
export * from './secret.ts';
export * from './secret-data.ts';
