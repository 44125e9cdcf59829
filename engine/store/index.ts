export * from './kv.ts';
export * from './errors.ts';
export type * from './backend.ts';
export * from './revision.ts';
export type * from './key-index.ts';
export { createMvccStore, DEFAULT_SNAPSHOT_EVERY, type MvccStore, type MvccStoreOptions } from './mvcc-store.ts';
export { MemoryBackend } from './memory-backend.ts';
export type { CompareReader, TxnComparePart } from './txn-compare.ts';
