/**
 * Expected store failures, with etcd's own messages (server/storage/mvcc/kvstore.go,
 * server/lease/lessor.go) so that learners can search for them.
 */
export type StoreErrorCode = 'Compacted' | 'FutureRevision' | 'LeaseNotFound' | 'LeaseExists' | 'Closed' | 'InvalidArgument';

const MESSAGES: Record<StoreErrorCode, string> = {
  Compacted: 'mvcc: required revision has been compacted',
  FutureRevision: 'mvcc: required revision is a future revision',
  LeaseNotFound: 'lease not found',
  LeaseExists: 'lease already exists',
  Closed: 'mvcc: database closed',
  InvalidArgument: 'etcdserver: invalid argument',
};

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    detail?: string,
    /** For Compacted: the store's current compact revision. */
    readonly compactRevision?: number,
  ) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
    this.name = 'StoreError';
  }
}

export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
