/**
 * Property tests: random sequences of puts, deletes, txns and compactions applied to the store
 * and to a naive model that copies the whole key space at every revision. Afterwards every
 * retained revision must read the same in both (value, createRevision, modRevision, version),
 * revisions below the compaction point must fail, a watch opened at the start must have seen
 * every change in order, and a store re-opened from what the backend recorded must agree too.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../util/clock.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { txnCompare } from '../../solutions/store/txn-compare.ts';
import { createMvccStore, type MvccStore } from './mvcc-store.ts';
import { MemoryBackend } from './memory-backend.ts';
import { prefixEnd, type Compare, type KeyValue, type RequestOp, type WatchEvent } from './kv.ts';
import { isStoreError } from './errors.ts';

const KEYS = ['a', 'a/x', 'a/y', 'b', 'c'];

type Op =
  | { kind: 'put'; key: string; value: string }
  | { kind: 'delete'; key: string; prefix: boolean }
  | { kind: 'txn'; compare: Compare[]; success: RequestOp[]; failure: RequestOp[] }
  | { kind: 'compact'; fraction: number };

const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom('', 'v1', 'v2', 'v3');
const writes = fc
  .uniqueArray(fc.tuple(key, fc.boolean(), value), { selector: ([k]) => k, maxLength: 3 })
  .map((ws): RequestOp[] => ws.map(([k, isPut, v]) => (isPut ? { put: { key: k, value: v } } : { deleteRange: { key: k } })));
const compare = fc.record({
  key,
  target: fc.constantFrom('VERSION', 'CREATE', 'MOD', 'VALUE'),
  result: fc.constantFrom('EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'),
  num: fc.integer({ min: 0, max: 6 }),
  str: value,
}).map(({ key, target, result, num, str }): Compare => ({ key, target, result, value: target === 'VALUE' ? str : num }));

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), key, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key, prefix: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('txn' as const), compare: fc.array(compare, { maxLength: 2 }), success: writes, failure: writes }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

/** The naive model: the whole key space at every revision. */
class Model {
  states: Array<Map<string, KeyValue>> = [new Map(), new Map()]; // index = revision; revision 1 is empty
  events: string[] = [];
  compactRevision = 0;

  get revision(): number {
    return this.states.length - 1;
  }

  /** Applies writes as one revision; returns whether the revision moved. */
  write(ops: Array<{ put?: { key: string; value: string }; del?: { key: string; end?: string } }>): void {
    const rev = this.revision + 1;
    const next = new Map(this.states[this.revision]);
    const events: string[] = [];
    for (const o of ops) {
      if (o.put) {
        const prev = next.get(o.put.key);
        next.set(o.put.key, {
          key: o.put.key,
          value: o.put.value,
          createRevision: prev ? prev.createRevision : rev,
          modRevision: rev,
          version: prev ? prev.version + 1 : 1,
          lease: 0,
        });
        events.push(`PUT ${o.put.key}=${o.put.value}@${rev}`);
      } else if (o.del) {
        for (const k of [...next.keys()].sort()) {
          const hit = o.del.end === undefined ? k === o.del.key : k >= o.del.key && k < o.del.end;
          if (hit) {
            next.delete(k);
            events.push(`DELETE ${k}@${rev}`);
          }
        }
      }
    }
    if (events.length === 0) return;
    this.states.push(next);
    this.events.push(...events);
  }

  holds(c: Compare): boolean {
    const kv = this.states[this.revision]!.get(c.key);
    if (!kv && c.target === 'VALUE') return false;
    const actual = c.target === 'VALUE' ? kv!.value : c.target === 'VERSION' ? (kv?.version ?? 0) : c.target === 'CREATE' ? (kv?.createRevision ?? 0) : (kv?.modRevision ?? 0);
    const want = c.value;
    const order = actual < want ? -1 : actual > want ? 1 : 0;
    return c.result === 'EQUAL' ? order === 0 : c.result === 'NOT_EQUAL' ? order !== 0 : c.result === 'GREATER' ? order > 0 : order < 0;
  }
}

function show(e: WatchEvent): string {
  return e.type === 'PUT' ? `PUT ${e.kv.key}=${e.kv.value}@${e.kv.modRevision}` : `DELETE ${e.kv.key}@${e.kv.modRevision}`;
}

async function agreeOnHistory(store: MvccStore, model: Model): Promise<void> {
  expect(store.currentRevision()).toBe(model.revision);
  expect(store.compactRevision()).toBe(model.compactRevision);
  for (let rev = 1; rev <= model.revision; rev++) {
    if (rev < model.compactRevision) {
      await expect(store.range('\0', { rangeEnd: '\0', revision: rev })).rejects.toSatisfy((e) => isStoreError(e, 'Compacted'));
      continue;
    }
    const got = await store.range('\0', { rangeEnd: '\0', revision: rev });
    const want = [...model.states[rev]!.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(got.kvs, `range at revision ${rev}`).toEqual(want);
    expect(got.count).toBe(want.length);
  }
}

async function run(ops: Op[], snapshotEvery: number): Promise<void> {
  const clock = new VirtualClock();
  const backend = new MemoryBackend();
  const store = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend, snapshotEvery });
  const model = new Model();
  const seen: WatchEvent[] = [];
  store.watch('\0', { rangeEnd: '\0', startRevision: 1 }, (r) => seen.push(...r.events));

  for (const o of ops) {
    if (o.kind === 'put') {
      const res = await store.put(o.key, o.value);
      model.write([{ put: o }]);
      expect(res.header.revision).toBe(model.revision);
    } else if (o.kind === 'delete') {
      const end = o.prefix ? prefixEnd(o.key) : undefined;
      const res = await store.deleteRange(o.key, { rangeEnd: end });
      model.write([{ del: { key: o.key, end } }]);
      expect(res.header.revision).toBe(model.revision);
    } else if (o.kind === 'txn') {
      const res = await store.txn({ compare: o.compare, success: o.success, failure: o.failure });
      const succeeded = o.compare.every((c) => model.holds(c));
      expect(res.succeeded).toBe(succeeded);
      const branch = succeeded ? o.success : o.failure;
      model.write(branch.map((r) => ('put' in r ? { put: r.put } : 'deleteRange' in r ? { del: { key: r.deleteRange.key } } : {})));
      expect(res.header.revision).toBe(model.revision);
    } else {
      const low = model.compactRevision + 1;
      if (low > model.revision) {
        await expect(store.compact(model.revision)).rejects.toSatisfy((e) => isStoreError(e, 'Compacted'));
        continue;
      }
      const at = low + Math.floor(o.fraction * (model.revision - low));
      await store.compact(at);
      model.compactRevision = at;
    }
  }
  await clock.flush();
  await agreeOnHistory(store, model);
  expect(seen.map(show)).toEqual(model.events);
  await store.close();

  const reopened = await createMvccStore({ clock, keyIndex: newKeyIndex, txnCompare, backend, snapshotEvery });
  await agreeOnHistory(reopened, model);
  // The re-opened store carries on where the first left off: next revision, versions and
  // create revisions continued from the key index it rebuilt.
  for (const k of KEYS) {
    const res = await reopened.put(k, 'after');
    model.write([{ put: { key: k, value: 'after' } }]);
    expect(res.header.revision).toBe(model.revision);
  }
  await agreeOnHistory(reopened, model);
  await reopened.close();
}

describe('MvccStore against a naive model', () => {
  it('random puts, deletes, txns and compactions read the same as the model at every retained revision, watch and re-open included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (ops, snapshotEvery) => run(ops, snapshotEvery)),
      { numRuns: 300 },
    );
  });
});
