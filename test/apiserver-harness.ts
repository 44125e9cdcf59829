/**
 * Shared set-up for the apiserver's tests: a fresh apiserver on an in-memory store and a
 * VirtualClock before each test, built with the reference parts from solutions/, closed after.
 * (engine/apiserver/testing.ts builds the harness; it never imports solutions/ itself.)
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { isStatusError, type StatusError } from '../engine/api/errors.ts';
import { startHarness, type Harness, type HarnessParts } from '../engine/apiserver/testing.ts';
import { newKeyIndex } from '../solutions/store/key-index.ts';
import { txnCompare } from '../solutions/store/txn-compare.ts';
import { validateObjectMeta } from '../solutions/apiserver/object-meta-validation.ts';
import { namespaceLifecycle } from '../solutions/apiserver/namespace-lifecycle.ts';
import { allocateIP } from '../solutions/service/ip-allocator.ts';
import { secretData } from '../solutions/secret/secret-data.ts';
import { secretTypes } from '../solutions/secret/secret-types.ts';

export const referenceParts: HarnessParts = { keyIndex: newKeyIndex, txnCompare, objectMetaValidator: validateObjectMeta, namespaceLifecycle, clusterIPAllocator: allocateIP, secretData, secretTypes };

/** A view of the current test's harness: `h.api`, `h.kv`, `h.clock`, `h.trace`. */
export function useReferenceHarness(seed?: string): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(referenceParts, seed);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): Harness => {
    if (!current) throw new Error('the harness is only available inside a test');
    return current;
  };
  return {
    get clock() {
      return now().clock;
    },
    get kv() {
      return now().kv;
    },
    get api() {
      return now().api;
    },
    get trace() {
      return now().trace;
    },
    close: () => now().close(),
  };
}

/** Resolves with the StatusError `p` rejects with; fails the test if it resolves or throws anything else. */
export function failWithStatus(p: Promise<unknown>): Promise<StatusError> {
  return p.then(
    () => expect.fail('expected a StatusError'),
    (e: unknown) => (isStatusError(e) ? e : Promise.reject(e)),
  ) as Promise<StatusError>;
}
