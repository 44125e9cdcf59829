/**
 * Maps etcd's gRPC error messages to the StoreError codes the embedded store throws, so the
 * apiserver handles both the same way. etcd's messages come from server/etcdserver/api/v3rpc/
 * rpctypes/error.go ("etcdserver: mvcc: required revision has been compacted", "etcdserver:
 * requested lease not found", "etcdserver: duplicate key given in txn request", ...).
 */
import { StoreError } from '../../store/errors.ts';

export function toStoreError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const m = err.message;
  if (m.includes('required revision has been compacted')) return new StoreError('Compacted');
  if (m.includes('required revision is a future revision')) return new StoreError('FutureRevision');
  if (m.includes('lease not found')) return new StoreError('LeaseNotFound');
  if (m.includes('lease already exists')) return new StoreError('LeaseExists');
  if (m.includes('duplicate key given in txn request')) return new StoreError('InvalidArgument', 'duplicate key given in txn request');
  if (m.includes('too many operations in txn request')) return new StoreError('InvalidArgument', 'too many operations in txn request');
  return err;
}

/** Runs `call`, turning etcd's expected failures into StoreErrors. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toStoreError(err);
  }
}
