export * from './attempt-to-delete.ts';
export * from './graph.ts';
export * from './garbage-collector.ts';
export * from './operations.ts';
