/**
 * A watch over HTTP (upstream: k8s.io/apiserver/pkg/endpoints/handlers/watch.go serveWatch): a
 * 200 chunked application/json stream of one `{"type":..,"object":..}` line per event. The
 * apiserver's watch does the work (initial ADDED events, BOOKMARKs, timeoutSeconds on the cluster
 * clock, the 410 ERROR event); this file only frames events and ends the stream:
 *   - when the apiserver watch ends (timeout, error) the response ends;
 *   - when the client goes away the apiserver watch is stopped;
 *   - a client that does not read (more than MAX_BUFFERED bytes pending) is dropped, as the
 *     upstream cacher drops watchers whose buffer is full, so it cannot grow memory unbounded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServerInterface, ResourceRef, WatchEvent, WatchOptions } from '../../apiserver/types.ts';
import { toStatusError } from './status.ts';

export const MAX_BUFFERED = 16 * 1024 * 1024;

/** Default when the client gives no timeoutSeconds: upstream picks 30–60 min (MinRequestTimeout 1800 s). */
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;

export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  apiserver: ApiServerInterface,
  ref: ResourceRef,
  options: WatchOptions,
  transform: (event: WatchEvent) => unknown = (e) => e,
  maxBuffered = MAX_BUFFERED,
): Promise<void> {
  return new Promise((resolve) => {
    let ended = false;
    let handle: { stop(): void; done: Promise<void> } | undefined;
    const finish = () => {
      if (ended) return;
      ended = true;
      handle?.stop();
      if (!res.writableEnded && !res.destroyed) res.end();
      resolve();
    };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const onEvent = (event: WatchEvent) => {
      if (ended) return;
      res.write(`${JSON.stringify(transform(event))}\n`);
      if (res.writableLength > maxBuffered) {
        res.destroy();
        finish();
      }
    };
    try {
      handle = apiserver.watch(ref, { timeoutSeconds: DEFAULT_WATCH_TIMEOUT_SECONDS, ...options }, onEvent);
    } catch (err) {
      // Headers are out: upstream reports errors after the start as an ERROR event.
      onEvent({ type: 'ERROR', object: toStatusError(err).status });
      finish();
      return;
    }
    res.on('close', finish);
    req.on('close', () => {
      if (req.destroyed && !res.writableEnded) finish();
    });
    void handle.done.then(finish, finish);
  });
}

