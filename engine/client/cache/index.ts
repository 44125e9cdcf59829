export * from './backoff.ts';
export * from './deep-freeze.ts';
export * from './index-funcs.ts';
export * from './indexer.ts';
export * from './lister.ts';
export * from './processor.ts';
export * from './reflector.ts';
export * from './shared-informer.ts';
