import { describe, expect, it } from 'vitest';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { KvStore } from './kv-store.ts';
import { checkCompaction, compactStore } from './compaction.ts';
import { isStoreError } from './errors.ts';

function put(store: KvStore, key: string, value: string): void {
  const txn = store.beginWrite();
  txn.put(key, value, 0);
  txn.commit();
}
function del(store: KvStore, key: string): void {
  const txn = store.beginWrite();
  txn.deleteRange(key, undefined);
  txn.commit();
}
const all = (store: KvStore, rev: number) => store.rangeAt('\0', { rangeEnd: '\0' }, rev).kvs.map((k) => `${k.key}=${k.value}@${k.modRevision}v${k.version}`);
const stored = (store: KvStore) => [...store.versions.values()].flat().filter(Boolean).length;

describe('compaction', () => {
  it('keeps what a read at the compaction revision returns, and everything after', () => {
    const store = new KvStore(newKeyIndex);
    put(store, '/a', '1'); // 2
    put(store, '/a', '2'); // 3
    put(store, '/b', '1'); // 4
    put(store, '/a', '3'); // 5
    const at4 = all(store, 4);
    compactStore(store, 4);
    expect(all(store, 4)).toEqual(at4);
    expect(all(store, 5)).toEqual(['/a=3@5v3', '/b=1@4v1']);
    expect(stored(store)).toBe(3); // /a@3, /b@4, /a@5
    expect(store.compactRevision).toBe(4);
  });

  it('forgets a key deleted before the compaction revision altogether', () => {
    const store = new KvStore(newKeyIndex);
    put(store, '/gone', '1'); // 2
    del(store, '/gone'); // 3
    put(store, '/kept', '1'); // 4
    const stats = compactStore(store, 4);
    expect(stats.removedKeys).toBe(1);
    expect(store.tree.get('/gone')).toBeUndefined();
    expect(stored(store)).toBe(1);
  });

  it('refuses to compact at or below the last compaction, or in the future', () => {
    const store = new KvStore(newKeyIndex);
    put(store, '/a', '1');
    put(store, '/a', '2');
    compactStore(store, 2);
    const code = (rev: number) => {
      try {
        checkCompaction(store, rev);
        return 'ok';
      } catch (e) {
        return isStoreError(e) ? e.code : 'bug';
      }
    };
    expect([code(1), code(2), code(3), code(4)]).toEqual(['Compacted', 'Compacted', 'ok', 'FutureRevision']);
  });
});
