/**
 * Wraps an ApiServerInterface so a test can cut every open watch, as a dropped connection or an
 * apiserver restart would. Clients see their watch end normally (done resolves, no ERROR), which
 * is exactly when a reflector re-watches from its last seen resourceVersion — and, when that
 * version was compacted meanwhile, gets 410 Expired and relists.
 */
import type { ApiServerInterface, WatchHandle } from '../../apiserver/types.ts';

export interface InterruptibleApiServer {
  readonly api: ApiServerInterface;
  /** Ends every watch opened so far. */
  cutWatches(): void;
  /** Watches opened through `api` and not yet ended. */
  openWatches(): number;
}

export function interruptible(inner: ApiServerInterface): InterruptibleApiServer {
  const open = new Set<{ cut(): void }>();
  const api: ApiServerInterface = {
    create: (...a) => inner.create(...a),
    get: (...a) => inner.get(...a),
    list: (...a) => inner.list(...a),
    update: (...a) => inner.update(...a),
    patch: (...a) => inner.patch(...a),
    delete: (...a) => inner.delete(...a),
    deleteCollection: (...a) => inner.deleteCollection(...a),
    watch(ref, options, onEvent): WatchHandle {
      let cut = false;
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const handle = inner.watch(ref, options, (e) => {
        if (!cut) onEvent(e);
      });
      const entry = {
        cut() {
          if (cut) return;
          cut = true;
          open.delete(entry);
          handle.stop();
          resolveDone();
        },
      };
      open.add(entry);
      void handle.done.then(() => entry.cut());
      return { stop: () => entry.cut(), done };
    },
  };
  return {
    api,
    cutWatches: () => {
      for (const e of [...open]) e.cut();
    },
    openWatches: () => open.size,
  };
}
