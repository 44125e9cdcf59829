import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ApiServerInterface, WatchEvent } from '../../apiserver/types.ts';
import { serveWatch } from './watch-stream.ts';

/** A response whose client never reads: everything written stays buffered. */
function stuckResponse() {
  const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(res, {
    writableLength: 0,
    writableEnded: false,
    destroyed: false,
    writeHead: () => res,
    flushHeaders: () => undefined,
    write(chunk: string) {
      (res.writableLength as number) += chunk.length;
      return false;
    },
    end() {
      res.writableEnded = true;
    },
    destroy() {
      res.destroyed = true;
    },
  });
  return res;
}

function fakeWatch() {
  let emit: (e: WatchEvent) => void = () => undefined;
  let stopped = false;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  const api = {
    watch: (_ref: unknown, _opts: unknown, onEvent: (e: WatchEvent) => void) => {
      emit = onEvent;
      return {
        stop: () => {
          stopped = true;
          resolveDone();
        },
        done,
      };
    },
  } as unknown as ApiServerInterface;
  return { api, emit: (e: WatchEvent) => emit(e), isStopped: () => stopped };
}

const ev = (i: number): WatchEvent => ({ type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, resourceVersion: String(i) } } });

describe('serveWatch with a client that does not read', () => {
  it('drops the connection and stops the apiserver watch once the buffer passes the limit', async () => {
    const res = stuckResponse();
    const req = new EventEmitter() as unknown as IncomingMessage;
    const w = fakeWatch();
    const served = serveWatch(req, res as unknown as ServerResponse, w.api, { group: '', version: 'v1', resource: 'configmaps' }, {}, undefined, 1000);
    for (let i = 0; i < 100 && !w.isStopped(); i++) w.emit(ev(i));
    await served;
    expect(w.isStopped()).toBe(true);
    expect(res.destroyed).toBe(true);
    expect(res.writableLength as number).toBeLessThan(1200);
  });

  it('stops the apiserver watch when the client closes the connection', async () => {
    const res = stuckResponse();
    const req = new EventEmitter() as unknown as IncomingMessage;
    const w = fakeWatch();
    const served = serveWatch(req, res as unknown as ServerResponse, w.api, { group: '', version: 'v1', resource: 'configmaps' }, {});
    w.emit(ev(1));
    res.emit('close');
    await served;
    expect(w.isStopped()).toBe(true);
  });
});
