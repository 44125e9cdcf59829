import { VirtualClock } from '../util/clock.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';
import { describeKvBehaviour } from './kv-behaviour-suite.ts';
import { MemoryBackend } from './memory-backend.ts';
import { createMvccStore } from './mvcc-store.ts';

describeKvBehaviour('embedded MvccStore, memory only', async () => {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare });
  return { kv, fresh: true, elapse: (s) => clock.advance(s * 1000), settle: () => clock.flush(), close: () => kv.close() };
});

describeKvBehaviour('embedded MvccStore over a backend that snapshots every 3 records', async () => {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend: new MemoryBackend(), snapshotEvery: 3 });
  return { kv, fresh: true, elapse: (s) => clock.advance(s * 1000), settle: () => clock.flush(), close: () => kv.close() };
});
