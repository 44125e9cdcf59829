/**
 * A client's connection to the apiserver, which a test can cut and restore: how a cluster
 * simulates a network partition between a node and the control plane. While cut, every call
 * fails with 503 and every watch ends at once (a reflector then retries with backoff on the
 * clock); nothing reaches the apiserver, so the node's heartbeats stop exactly as they would
 * behind a broken link.
 */
import { newServiceUnavailable } from '../api/errors.ts';
import type { ApiServerInterface, WatchHandle } from '../apiserver/types.ts';

export interface ApiLink {
  readonly api: ApiServerInterface;
  readonly isCut: boolean;
  /** Cuts the link: open watches end, later calls fail until restore(). */
  cut(): void;
  restore(): void;
  /** Watches opened through `api` that have not ended. */
  openWatches(): number;
}

export function createApiLink(inner: ApiServerInterface, who: string): ApiLink {
  let cut = false;
  const open = new Set<() => void>();
  const refuse = () => newServiceUnavailable(`dial tcp: connect: connection refused (${who} is cut off from the apiserver)`);
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => (cut ? Promise.reject(refuse()) : call(...args));

  const api: ApiServerInterface = {
    create: guard((...a: Parameters<ApiServerInterface['create']>) => inner.create(...a)),
    get: guard((...a: Parameters<ApiServerInterface['get']>) => inner.get(...a)),
    list: guard((...a: Parameters<ApiServerInterface['list']>) => inner.list(...a)),
    update: guard((...a: Parameters<ApiServerInterface['update']>) => inner.update(...a)),
    patch: guard((...a: Parameters<ApiServerInterface['patch']>) => inner.patch(...a)),
    delete: guard((...a: Parameters<ApiServerInterface['delete']>) => inner.delete(...a)),
    deleteCollection: guard((...a: Parameters<ApiServerInterface['deleteCollection']>) => inner.deleteCollection(...a)),
    watch(ref, options, onEvent): WatchHandle {
      let ended = false;
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      if (cut) {
        resolveDone();
        return { stop: () => {}, done };
      }
      const handle = inner.watch(ref, options, (e) => {
        if (!ended) onEvent(e);
      });
      const end = () => {
        if (ended) return;
        ended = true;
        open.delete(end);
        handle.stop();
        resolveDone();
      };
      open.add(end);
      void handle.done.then(end);
      return { stop: end, done };
    },
  };

  return {
    api,
    get isCut() {
      return cut;
    },
    cut() {
      cut = true;
      for (const end of [...open]) end();
    },
    restore() {
      cut = false;
    },
    openWatches: () => open.size,
  };
}
