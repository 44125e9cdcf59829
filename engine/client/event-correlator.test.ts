import { describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { VirtualClock } from '../util/clock.ts';
import { COMBINED_PREFIX, EventCorrelator, Lru } from './event-correlator.ts';
import { formatTimestamp } from './event-recorder.ts';

function setup() {
  const clock = new VirtualClock();
  let n = 0;
  const correlator = new EventCorrelator(clock, (name) => `${name}.${(n++).toString(16)}`, formatTimestamp);
  const make = (message: string, reason = 'BackOff', objectName = 'web'): corev1.Event => {
    const t = formatTimestamp(clock.now());
    return {
      metadata: { name: `${objectName}.x${n++}`, namespace: 'default' },
      involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: objectName, uid: `uid-${objectName}` },
      source: { component: 'kubelet', host: 'n1' },
      type: 'Warning',
      reason,
      message,
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
    };
  };
  return { clock, correlator, make };
}

describe('EventCorrelator', () => {
  it('passes a first event through unchanged, to be created', () => {
    const { correlator, make } = setup();
    const e = make('Back-off restarting failed container');
    const r = correlator.correlate(e);
    expect(r.skip).toBe(false);
    expect(r.patch).toBeUndefined();
    expect(r.event).toBe(e);
  });

  it('turns an identical event into a patch of the first one: same name, count + 1, new lastTimestamp', async () => {
    const { clock, correlator, make } = setup();
    const first = correlator.correlate(make('Back-off restarting failed container')).event;
    await clock.advance(30_000);
    const r = correlator.correlate(make('Back-off restarting failed container'));
    expect(r.event.metadata?.name).toBe(first.metadata?.name);
    expect(r.event.firstTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(r.patch).toEqual({ count: 2, lastTimestamp: '2025-01-01T00:00:30Z', message: 'Back-off restarting failed container' });
    expect(correlator.correlate(make('Back-off restarting failed container')).patch?.count).toBe(3);
  });

  it('keeps counting an identical event after 10 minutes: only aggregation has a time window upstream', async () => {
    const { clock, correlator, make } = setup();
    const first = correlator.correlate(make('Back-off restarting failed container')).event;
    await clock.advance(20 * 60_000);
    const later = correlator.correlate(make('Back-off restarting failed container'));
    expect(later.event.metadata?.name).toBe(first.metadata?.name);
    expect(later.patch?.count).toBe(2);
  });

  it('keeps events about different objects or with different reasons apart', () => {
    const { correlator, make } = setup();
    correlator.correlate(make('m'));
    expect(correlator.correlate(make('m', 'Killing')).patch).toBeUndefined();
    expect(correlator.correlate(make('m', 'BackOff', 'db')).patch).toBeUndefined();
  });

  it('folds the 10th distinct message of the same reason within 10 minutes into a combined event', () => {
    const { correlator, make } = setup();
    for (let i = 0; i < 9; i++) expect(correlator.correlate(make(`message ${i}`)).event.message).toBe(`message ${i}`);
    const tenth = correlator.correlate(make('message 9'));
    expect(tenth.event.message).toBe(`${COMBINED_PREFIX}message 9`);
    const eleventh = correlator.correlate(make('message 10'));
    expect(eleventh.event.message).toBe(`${COMBINED_PREFIX}message 10`);
    expect(eleventh.patch?.count).toBe(2);
  });

  it('starts aggregation over once 10 minutes pass without a similar event', async () => {
    const { clock, correlator, make } = setup();
    for (let i = 0; i < 9; i++) correlator.correlate(make(`message ${i}`));
    await clock.advance(600_001);
    expect(correlator.correlate(make('message 9')).event.message).toBe('message 9');
  });

  it('drops events beyond a burst of 25 per source and object, then allows one per 5 minutes', async () => {
    const { clock, correlator, make } = setup();
    const results = Array.from({ length: 26 }, (_, i) => correlator.correlate(make(`m${i % 3}`)).skip);
    expect(results.slice(0, 25).every((s) => !s)).toBe(true);
    expect(results[25]).toBe(true);
    await clock.advance(300_000);
    expect(correlator.correlate(make('m0')).skip).toBe(false);
    expect(correlator.correlate(make('m0')).skip).toBe(true);
  });
});

describe('Lru', () => {
  it('evicts the least recently used entry', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.size).toBe(2);
  });
});
