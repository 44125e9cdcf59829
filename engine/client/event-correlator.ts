/**
 * EventCorrelator: what keeps a crash-looping pod from writing ten thousand Events — client-go
 * tools/record/events_cache.go. Each event a component records goes through three steps:
 *
 *  1. spam filter — per source+object token bucket: a burst of 25 events, then 1 per 5 minutes;
 *     events beyond that are dropped (EventSourceObjectSpamFilter).
 *  2. aggregation — events that differ only by message (same source, object, type, reason):
 *     from the 10th distinct message within 10 minutes on, they are folded into one event whose
 *     message is "(combined from similar events): <latest message>" (EventAggregator).
 *  3. deduplication — an event identical to one already written (same source, object, type,
 *     reason, message) is not created again: the existing Event gets count+1 and a new
 *     lastTimestamp through a PATCH (eventLogger). Upstream remembers the last 4096 distinct events
 *     (an LRU) with no time limit; an Event that expired from the store (1 h TTL) is re-created when
 *     the patch answers 404.
 *
 * Everything is computed synchronously from the injected Clock; only the write is asynchronous.
 */
import type { corev1 } from '../api/types.ts';
import type { Clock } from '../util/clock.ts';

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600 * 1000;
export const SPAM_BURST = 25;
export const SPAM_QPS = 1 / 300;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** A tiny least-recently-used map (groupcache/lru as upstream uses it). */
export class Lru<V> {
  private map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}

/** A token bucket that starts full and answers yes/no (flowcontrol TokenBucketRateLimiter.TryAccept). */
class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  tryAccept(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) * this.qps) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const ref = (e: corev1.Event) => e.involvedObject;
const src = (e: corev1.Event) => e.source ?? {};

/** Identity of an exact event: source, object, type, reason and message (getEventKey). */
export function eventKey(e: corev1.Event): string {
  const o = ref(e);
  return [src(e).component, src(e).host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message]
    .map((x) => x ?? '')
    .join('\u0000');
}

/** Identity of source + object, for the spam filter (getSpamKey). */
export function spamKey(e: corev1.Event): string {
  const o = ref(e);
  return [src(e).component, src(e).host, o.kind, o.namespace, o.name, o.uid, o.apiVersion].map((x) => x ?? '').join('\u0000');
}

/** Events that differ only by message share this key (EventAggregatorByReasonFunc). */
export function aggregateKey(e: corev1.Event): string {
  const o = ref(e);
  return [
    src(e).component,
    src(e).host,
    o.kind,
    o.namespace,
    o.name,
    o.uid,
    o.apiVersion,
    e.type,
    e.reason,
    e.reportingComponent,
    e.reportingInstance,
  ]
    .map((x) => x ?? '')
    .join('\u0000');
}

interface EventLog {
  count: number;
  firstTimestamp: string | undefined;
  name: string;
  resourceVersion: string | undefined;
}

interface AggregateRecord {
  messages: Set<string>;
  last: number;
}

export interface CorrelationResult {
  /** The event to write (possibly an aggregate, possibly with name/count/firstTimestamp of an earlier one). */
  event: corev1.Event;
  /** Set when an existing Event should be patched instead of creating a new one. */
  patch?: { count: number; lastTimestamp: string | undefined; message: string | undefined };
  /** Dropped by the spam filter. */
  skip: boolean;
}

export class EventCorrelator {
  private spam = new Lru<TokenBucket>(MAX_LRU_CACHE_ENTRIES);
  private aggregates = new Lru<AggregateRecord>(MAX_LRU_CACHE_ENTRIES);
  private logs = new Lru<EventLog>(MAX_LRU_CACHE_ENTRIES);

  constructor(
    private readonly clock: Clock,
    private readonly makeName: (objectName: string) => string,
    private readonly formatTime: (ms: number) => string,
  ) {}

  correlate(input: corev1.Event): CorrelationResult {
    if (!this.allow(input)) return { event: input, skip: true };
    const { event, key } = this.aggregate(input);
    return { ...this.observe(event, key), skip: false };
  }

  /** Records what the server answered (name, resourceVersion, count) for the next duplicate. */
  updateState(written: corev1.Event): void {
    this.logs.set(eventKey(written), {
      count: written.count ?? 1,
      firstTimestamp: written.firstTimestamp,
      name: written.metadata?.name ?? '',
      resourceVersion: written.metadata?.resourceVersion,
    });
  }

  private allow(e: corev1.Event): boolean {
    const key = spamKey(e);
    let bucket = this.spam.get(key);
    if (!bucket) bucket = new TokenBucket(this.clock, SPAM_QPS, SPAM_BURST);
    this.spam.set(key, bucket);
    return bucket.tryAccept();
  }

  private aggregate(e: corev1.Event): { event: corev1.Event; key: string } {
    const now = this.clock.now();
    const aKey = aggregateKey(e);
    let record = this.aggregates.get(aKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { messages: new Set(), last: now };
    record.messages.add(e.message ?? '');
    record.last = now;
    this.aggregates.set(aKey, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) return { event: e, key: eventKey(e) };
    // Keep the set from growing past the threshold (upstream pops an arbitrary member).
    record.messages.delete(record.messages.values().next().value as string);
    const t = this.formatTime(now);
    const combined: corev1.Event = {
      ...e,
      metadata: { name: this.makeName(e.involvedObject.name ?? ''), namespace: e.metadata?.namespace },
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
      message: COMBINED_PREFIX + (e.message ?? ''),
    };
    return { event: combined, key: aKey };
  }

  private observe(e: corev1.Event, key: string): Omit<CorrelationResult, 'skip'> {
    const last = this.logs.get(key);
    let event = e;
    let patch: CorrelationResult['patch'];
    if (last && last.count > 0) {
      event = {
        ...e,
        metadata: { ...e.metadata, name: last.name, resourceVersion: last.resourceVersion },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
      patch = { count: event.count as number, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.logs.set(key, {
      count: event.count ?? 1,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata?.name ?? '',
      resourceVersion: event.metadata?.resourceVersion,
    });
    return patch ? { event, patch } : { event };
  }
}
