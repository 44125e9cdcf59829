export * from './etcd-kv.ts';
export * from './etcd-errors.ts';
export * from './etcd-server.ts';
