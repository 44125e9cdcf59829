/**
 * Wraps an ApiServerInterface so a test can cut every open watch, as a dropped connection or an
 * apiserver restart would. Clients see their watch end normally (done resolves, no ERROR), which
 * is exactly when a reflector re-watches from its last seen resourceVersion — and, when that
 * version was compacted meanwhile, gets 410 Expired and relists.
 */
import type { ApiServerInterface } from '../../apiserver/types.ts';
import { createApiLink } from '../api-link.ts';

export interface InterruptibleApiServer {
  readonly api: ApiServerInterface;
  /** Ends every watch opened so far. */
  cutWatches(): void;
  /** Watches opened through `api` and not yet ended. */
  openWatches(): number;
}

/** An ApiLink cut and restored at once: open watches end, later calls and watches work. */
export function interruptible(inner: ApiServerInterface): InterruptibleApiServer {
  const link = createApiLink(inner, 'test');
  return {
    api: link.api,
    cutWatches: () => {
      link.cut();
      link.restore();
    },
    openWatches: () => link.openWatches(),
  };
}
