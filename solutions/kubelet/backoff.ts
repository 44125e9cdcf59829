/**
 * Reference `kubelet.backoff`: client-go's flowcontrol.Backoff as the kubelet uses it. See
 * engine/kubelet/backoff.ts for the contract and a worked example.
 */
import { DEFAULT_BACKOFF_INITIAL_MS, MAX_CONTAINER_BACKOFF_MS, type BackoffOptions, type ContainerBackoff } from '../../engine/kubelet/backoff.ts';

interface Entry {
  delay: number;
  lastUpdate: number;
}

export function newContainerBackoff(options: BackoffOptions = {}): ContainerBackoff {
  const initial = options.initialMs ?? DEFAULT_BACKOFF_INITIAL_MS;
  const max = options.maxMs ?? MAX_CONTAINER_BACKOFF_MS;
  const entries = new Map<string, Entry>();

  // flowcontrol.hasExpired: an entry untouched for twice the maximum delay is considered stable
  // again. This is where "the backoff resets after the container ran 10 minutes" comes from: the
  // last bump happened when it was (re)started, so a run longer than 2 × 300 s expires it.
  const expired = (eventTime: number, e: Entry) => eventTime - e.lastUpdate > 2 * max;

  return {
    isInBackOffSince(key, eventTime, now) {
      const e = entries.get(key);
      if (!e || expired(eventTime, e)) return false;
      // Measured from when the container finished, not from the last bump: a container that
      // crashed long ago may restart at once.
      return now - eventTime < e.delay;
    },
    next(key, eventTime, now) {
      const e = entries.get(key);
      if (!e || expired(eventTime, e)) {
        entries.set(key, { delay: initial, lastUpdate: now });
        return;
      }
      e.delay = Math.min(e.delay * 2, max);
      e.lastUpdate = now;
    },
    get(key) {
      return entries.get(key)?.delay ?? 0;
    },
    reset(key) {
      entries.delete(key);
    },
  };
}
