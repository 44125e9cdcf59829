import { VirtualClock } from '../util/clock.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { describeKvBehaviour } from './kv-behaviour-suite.ts';
import { MemoryBackend } from './memory-backend.ts';
import { createMvccStore } from './mvcc-store.ts';

describeKvBehaviour('embedded MvccStore, memory only', async () => {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex });
  return { kv, fresh: true, elapse: (s) => clock.advance(s * 1000), settle: () => clock.flush(), close: () => kv.close() };
});

describeKvBehaviour('embedded MvccStore over a backend that snapshots every 3 records', async () => {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: newKeyIndex, backend: new MemoryBackend(), snapshotEvery: 3 });
  return { kv, fresh: true, elapse: (s) => clock.advance(s * 1000), settle: () => clock.flush(), close: () => kv.close() };
});
