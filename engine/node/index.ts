export * from './create-cluster.ts';
export * from './persistence/index.ts';
