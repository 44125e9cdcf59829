/**
 * GET .../pods/{name}/log (upstream: pkg/registry/core/pod/rest/log.go LogREST and
 * pkg/registry/core/pod/strategy.go LogLocation, then the kubelet's /containerLogs): the pod's
 * node runtime holds the lines. Query: container, tailLines, follow, previous, timestamps,
 * sinceSeconds. Answers text/plain; with follow the stream lasts until the container exits or
 * the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { corev1 } from '../../api/types.ts';
import { newBadRequest, newNotFound } from '../../api/errors.ts';
import { resolveLogContainer } from '../../apiserver/registry/pod-log-location.ts';
import type { Cluster } from '../../cluster/index.ts';
import type { Clock } from '../../util/clock.ts';
import type { LogEntry } from '../../runtime/cri.ts';
import { MAX_BUFFERED } from './watch-stream.ts';

interface LogParams {
  container?: string;
  tailLines?: number;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** ms since epoch, from sinceTime (RFC 3339). */
  sinceTime?: number;
  limitBytes?: number;
}

function time(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw newBadRequest(`invalid value for sinceTime: ${JSON.stringify(v)}`);
  return t;
}

function parseLogParams(q: URLSearchParams): LogParams {
  const int = (name: string) => {
    const v = q.get(name);
    if (v === null || v === '') return undefined;
    if (!/^\d+$/.test(v)) throw newBadRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
    return Number(v);
  };
  const bool = (name: string) => q.get(name) === 'true' || q.get(name) === '1';
  return {
    container: q.get('container') || undefined,
    tailLines: int('tailLines'),
    follow: bool('follow'),
    previous: bool('previous'),
    timestamps: bool('timestamps'),
    sinceSeconds: int('sinceSeconds'),
    sinceTime: time(q.get('sinceTime')),
    limitBytes: int('limitBytes'),
  };
}

const format = (e: LogEntry, timestamps: boolean) => (timestamps ? `${new Date(e.time).toISOString().replace('Z', '000000Z')} ${e.line}\n` : `${e.line}\n`);

export async function serveLogs(
  req: IncomingMessage,
  res: ServerResponse,
  cluster: Cluster<Clock>,
  pod: corev1.Pod,
  q: URLSearchParams,
): Promise<void> {
  const p = parseLogParams(q);
  const { id } = resolveLogContainer(pod, p.container, p.previous);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName || !cluster.nodes.names().includes(nodeName)) throw newNotFound({ group: '', resource: 'nodes' }, nodeName ?? '');
  const runtime = cluster.nodes.get(nodeName).runtime;
  const since = p.sinceSeconds !== undefined ? cluster.clock.now() - p.sinceSeconds * 1000 : p.sinceTime;
  let entries: LogEntry[];
  try {
    entries = await runtime.readLogs(id, { tail: p.tailLines, sinceTime: since });
  } catch (err) {
    throw newBadRequest(`unable to retrieve container logs for containerd://${id}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!p.follow) {
    let text = entries.map((e) => format(e, p.timestamps)).join('');
    if (p.limitBytes !== undefined) text = Buffer.from(text).subarray(0, p.limitBytes).toString('utf8');
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  for (const e of entries) res.write(format(e, p.timestamps));
  // No await between the read above and these subscriptions: runtime lines come from clock
  // timers, so none can slip in between.
  await new Promise<void>((resolve) => {
    let done = false;
    const stopFollow = runtime.followLogs(id, (e) => {
      if (done) return;
      res.write(format(e, p.timestamps));
      // A client that stops reading is dropped rather than buffered without bound (as for watches).
      if (res.writableLength > MAX_BUFFERED) {
        res.destroy();
        finish();
      }
    });
    const stopEvents = runtime.subscribeContainerEvents((ev) => {
      if (ev.containerId === id && (ev.type === 'CONTAINER_STOPPED_EVENT' || ev.type === 'CONTAINER_DELETED_EVENT')) finish();
    });
    function finish() {
      if (done) return;
      done = true;
      stopFollow();
      stopEvents();
      if (!res.writableEnded && !res.destroyed) res.end();
      resolve();
    }
    res.on('close', finish);
    void runtime.containerStatus(id).then(
      (s) => {
        if (s.state === 'CONTAINER_EXITED' || s.state === 'CONTAINER_UNKNOWN') finish();
      },
      () => finish(),
    );
  });
}
