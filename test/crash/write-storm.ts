/**
 * Child process of crash.test.ts: opens a real store (MVCC store + file backend + the reference
 * KeyIndex) on a data directory and writes to it as fast as it can until it is killed.
 *
 *   node --import tsx test/crash/write-storm.ts <dataDir> '<StormOptions as JSON>'
 *
 * stdout protocol, one line each:
 *   READY {"rev":N,"warnings":[...]}     the store is open at revision N
 *   ACK {"rev":R,"effects":[[key,value|null],...],"compact"?:C}
 *                                        a write whose promise has RESOLVED: R is the revision in
 *                                        its response, each effect sets a key (null: deletes it)
 * An ACK line is written only after the store acknowledged the write, so the parent may demand
 * that every ACK it received survives the kill. (Writes to a pipe are synchronous in Node on
 * Linux, so a line that was written is in the pipe even if the process dies right after.)
 *
 * Writes are issued one at a time, as the apiserver's callers would see them acknowledged.
 */
import { VirtualClock } from '../../engine/util/clock.ts';
import { Random } from '../../engine/util/random.ts';
import { createMvccStore } from '../../engine/store/index.ts';
import { createFileBackend } from '../../engine/node/persistence/index.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';

export interface StormOptions {
  seed: number;
  fsync: boolean;
  snapshotEvery: number;
  segmentBytes: number;
}

export type Effect = [key: string, value: string | null];
export interface Ack {
  rev: number;
  effects: Effect[];
  compact?: number;
}

const [dir, optionsJson] = process.argv.slice(2);
if (!dir || !optionsJson) throw new Error('usage: write-storm.ts <dataDir> <options JSON>');
const options = JSON.parse(optionsJson) as StormOptions;

const backend = await createFileBackend(dir, {
  fsync: options.fsync,
  segmentBytes: options.segmentBytes,
  onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
});
// A virtual clock that is never advanced: leases never expire on their own during the storm.
const store = await createMvccStore({ clock: new VirtualClock(), keyIndex: newKeyIndex, txnCompare, backend, snapshotEvery: options.snapshotEvery });
process.stdout.write(`READY ${JSON.stringify({ rev: store.currentRevision(), warnings: store.warnings })}\n`);

const ack = (a: Ack): void => {
  process.stdout.write(`ACK ${JSON.stringify(a)}\n`);
};
const rnd = new Random(options.seed);
const keys = Array.from({ length: 40 }, (_, k) => `/storm/k${String(k).padStart(2, '0')}`);
let n = 0;
const value = (): string => `v${n}-${rnd.string(rnd.int(8) === 0 ? 2000 : 1 + rnd.int(40), 'abcdefghijklmnopqrstuvwxyz0123456789 "\\é€')}`;

for (;;) {
  n++;
  const roll = rnd.int(100);
  if (roll < 55) {
    const key = rnd.pick(keys);
    const v = value();
    const r = await store.put(key, v);
    ack({ rev: r.header.revision, effects: [[key, v]] });
  } else if (roll < 70) {
    const key = rnd.pick(keys);
    const r = await store.deleteRange(key);
    ack({ rev: r.header.revision, effects: r.deleted > 0 ? [[key, null]] : [] });
  } else if (roll < 88) {
    const [a, b, d] = [rnd.pick(keys), rnd.pick(keys), rnd.pick(keys)];
    // etcd rejects a txn branch that writes one key twice ("duplicate key given in txn request").
    const c = keys[(keys.indexOf(b) + 1 + rnd.int(keys.length - 1)) % keys.length]!;
    const vb = value();
    const vd = value();
    const r = await store.txn({
      compare: [{ key: a, target: 'VERSION', result: 'GREATER', value: 0 }],
      success: [{ put: { key: b, value: vb } }, { deleteRange: { key: c } }],
      failure: [{ put: { key: d, value: vd } }],
    });
    const effects: Effect[] = r.succeeded ? [[b, vb], [c, null]] : [[d, vd]];
    ack({ rev: r.header.revision, effects });
  } else if (roll < 96) {
    const lease = await store.leaseGrant(3600);
    ack({ rev: lease.header.revision, effects: [] });
    const leased = [`/storm/lease/${lease.id}/a`, `/storm/lease/${lease.id}/b`];
    for (const key of leased) {
      const v = value();
      const r = await store.put(key, v, { lease: lease.id });
      ack({ rev: r.header.revision, effects: [[key, v]] });
    }
    const r = await store.leaseRevoke(lease.id);
    ack({ rev: r.header.revision, effects: leased.map((k): Effect => [k, null]) });
  } else {
    const target = store.currentRevision() - 30;
    if (target > store.compactRevision()) {
      const r = await store.compact(target);
      ack({ rev: r.header.revision, effects: [], compact: target });
    }
  }
}
