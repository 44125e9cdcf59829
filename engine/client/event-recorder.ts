/**
 * The EventRecorder: how components tell people what they did — `kubectl describe`'s Events
 * section. client-go tools/record/event.go (recorderImpl, eventBroadcasterImpl.recordToSink).
 *
 *   const recorder = createEventRecorder(client, { component: 'deployment-controller', clock });
 *   recorder.event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5d9c to 3');
 *
 * event() returns at once: the write happens later, in order, and its failure never reaches the
 * caller (an event is a hint for humans, never worth failing a reconcile over). Tests and tools
 * can await flush().
 *
 * Each event becomes a core/v1 Event in the object's namespace ('default' for cluster-scoped
 * objects) named `<object name>.<hex nanoseconds>`, with involvedObject (kind, namespace, name,
 * uid, apiVersion, resourceVersion), source {component, host}, first/lastTimestamp, count 1 and
 * type Normal|Warning. Repeats are folded by the EventCorrelator (see event-correlator.ts): an
 * identical event patches count and lastTimestamp of the existing Event instead of creating one.
 */
import { isAlreadyExists, isNotFound } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import type { Clock } from '../util/clock.ts';
import type { Client } from './client.ts';
import { EventCorrelator } from './event-correlator.ts';
import type { ApiObject } from './object-like.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  /** Who reports, e.g. 'default-scheduler', 'kubelet', 'deployment-controller'. */
  component: string;
  /** The node for node-local components (the kubelet). */
  host?: string;
  clock: Clock;
  /** Failed writes and dropped events, for logs; never thrown. */
  onError?: (err: unknown) => void;
}

export interface EventRecorder {
  /** Records an event about `object` (an API object, or an ObjectReference to one). */
  event(object: ApiObject | corev1.ObjectReference, type: EventType, reason: string, message: string): void;
  /** Resolves once every event recorded so far has been written, folded, dropped or given up. */
  flush(): Promise<void>;
}

/** RFC 3339 with seconds, as metav1.Time serialises: `2025-01-01T00:00:05Z`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ref.GetReference: the involvedObject of an event about `object`. */
export function getReference(object: ApiObject | corev1.ObjectReference): corev1.ObjectReference | undefined {
  const meta = (object as ApiObject).metadata;
  if (!meta) {
    const r = object as corev1.ObjectReference;
    return r.kind && r.name ? { ...r } : undefined;
  }
  if (!object.kind || !object.apiVersion || !meta.name) return undefined;
  const ref: corev1.ObjectReference = { kind: object.kind, apiVersion: object.apiVersion, name: meta.name };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.uid) ref.uid = meta.uid;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  return ref;
}

/** A small stable hash, to give each component its own sub-millisecond slot in event names. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function createEventRecorder(client: Client, options: EventRecorderOptions): EventRecorder {
  const { clock, component, host } = options;
  const report = (err: unknown) => options.onError?.(err);

  /*
   * Names are `<name>.<hex of UnixNano()>` as upstream. A virtual clock stands still, so two
   * events (or two components) can share a millisecond: each recorder counts nanoseconds up from
   * its own slot inside the millisecond, and a create that still collides (409 AlreadyExists) is
   * retried with the next nanosecond — upstream's real clock makes this practically impossible.
   */
  const slot = BigInt(hash(`${component}/${host ?? ''}`) % 1000) * 1000n;
  let lastNanos = 0n;
  const nextNanos = (): bigint => {
    const candidate = BigInt(clock.now()) * 1_000_000n + slot;
    lastNanos = candidate > lastNanos ? candidate : lastNanos + 1n;
    return lastNanos;
  };
  const makeName = (objectName: string) => `${objectName}.${nextNanos().toString(16)}`;

  const correlator = new EventCorrelator(clock, makeName, formatTimestamp);
  let tail: Promise<void> = Promise.resolve();

  const write = async (event: corev1.Event, patch: { count: number; lastTimestamp?: string; message?: string } | undefined) => {
    const ns = event.metadata?.namespace ?? 'default';
    const events = client.events(ns);
    if (patch) {
      try {
        correlator.updateState(await events.patch(event.metadata?.name ?? '', 'strategic', patch));
        return;
      } catch (err) {
        // The Event expired (1 h TTL) or was deleted: create it afresh, as upstream does.
        if (!isNotFound(err)) {
          report(err);
          return;
        }
      }
    }
    let body: corev1.Event = { ...event, metadata: { ...event.metadata, resourceVersion: undefined } };
    for (let attempt = 0; ; attempt++) {
      try {
        correlator.updateState(await events.create(body));
        return;
      } catch (err) {
        if (isAlreadyExists(err) && attempt < 3) {
          body = { ...body, metadata: { ...body.metadata, name: makeName(event.involvedObject.name ?? '') } };
          continue;
        }
        // Upstream gives up on any error the server returned (recordEvent: "will not retry").
        report(err);
        return;
      }
    }
  };

  return {
    event(object, type, reason, message) {
      if (type !== 'Normal' && type !== 'Warning') {
        report(new Error(`Unsupported event type: '${String(type)}'`));
        return;
      }
      const ref = getReference(object);
      if (!ref) {
        report(new Error(`Could not construct reference to an object without kind, apiVersion or name; will not report event: '${type}' '${reason}' '${message}'`));
        return;
      }
      const t = formatTimestamp(clock.now());
      const source: corev1.EventSource = host ? { component, host } : { component };
      const event: corev1.Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: makeName(ref.name ?? ''), namespace: ref.namespace || 'default' },
        involvedObject: ref,
        reason,
        message,
        source,
        firstTimestamp: t,
        lastTimestamp: t,
        count: 1,
        type,
        reportingComponent: component,
        ...(host ? { reportingInstance: host } : {}),
      };
      const result = correlator.correlate(event);
      if (result.skip) return;
      tail = tail.then(() => write(result.event, result.patch)).catch(report);
    },
    flush() {
      return tail;
    },
  };
}
