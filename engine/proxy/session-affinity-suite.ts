/**
 * The part cases of `proxy.affinity`: grader/tests/proxy-affinity.ts runs them against the
 * learner's part, the self-check against the reference, the stub and the mutants, and
 * session-affinity.test.ts against the reference. Each case throws on failure.
 *
 * They hold for any fair spreading (random from the injected Random, or round-robin): "fresh
 * choice" is checked over 50 clients, of which at least some must move.
 */
import { expect } from 'vitest';
import { Random } from '../util/random.ts';
import type { SessionAffinity } from './rule-table.ts';
import type { LoadBalancer, LoadBalancerFactory } from './session-affinity.ts';

export interface AffinityCase {
  name: string;
  run(factory: LoadBalancerFactory): void;
}

const S = 1000;
const EPS = ['10.244.1.5:9376', '10.244.1.6:9376', '10.244.2.7:9376'];
const NONE: SessionAffinity = { type: 'None' };
const sticky = (timeoutSeconds: number): SessionAffinity => ({ type: 'ClientIP', timeoutSeconds });
const SVC = 'default/hostnames:http';
const CLIENTS = Array.from({ length: 50 }, (_, i) => `10.244.3.${i + 2}`);

const make = (factory: LoadBalancerFactory, seed = 'suite') => factory({ random: new Random(seed) });

/** Each client's endpoint at `now`. */
function round(lb: LoadBalancer, affinity: SessionAffinity, now: number, eps = EPS, service = SVC): string[] {
  return CLIENTS.map((c) => lb.nextEndpoint(service, eps, affinity, c, now) as string);
}

const moved = (before: string[], after: string[]) => before.filter((e, i) => e !== after[i]).length;

export const affinityCases: readonly AffinityCase[] = [
  {
    name: 'with no endpoints there is nothing to choose',
    run(factory) {
      const lb = make(factory);
      expect(lb.nextEndpoint(SVC, [], NONE, '10.244.3.2', 0)).toBeUndefined();
      expect(lb.nextEndpoint(SVC, [], sticky(60), '10.244.3.2', 0)).toBeUndefined();
    },
  },
  {
    name: 'without affinity, connections from one client spread over every endpoint',
    run(factory) {
      const lb = make(factory);
      const counts = new Map<string, number>();
      for (let i = 0; i < 300; i++) {
        const ep = lb.nextEndpoint(SVC, EPS, NONE, '10.244.3.2', i * 10);
        expect(EPS).toContain(ep);
        counts.set(ep!, (counts.get(ep!) ?? 0) + 1);
      }
      for (const ep of EPS) expect(counts.get(ep) ?? 0, `connections to ${ep} out of 300`).toBeGreaterThanOrEqual(50);
    },
  },
  {
    name: 'the same seed makes the same choices (randomness only from the injected Random)',
    run(factory) {
      const a = make(factory, 'seed-1');
      const b = make(factory, 'seed-1');
      const pick = (lb: LoadBalancer) => Array.from({ length: 40 }, (_, i) => lb.nextEndpoint(SVC, EPS, i % 2 ? NONE : sticky(1), `10.244.3.${i % 7}`, i * 400));
      expect(pick(a)).toEqual(pick(b));
    },
  },
  {
    name: 'ClientIP keeps each client on one endpoint, while different clients spread',
    run(factory) {
      const lb = make(factory);
      const first = round(lb, sticky(10800), 0);
      expect(new Set(first).size, 'endpoints used by 50 different clients').toBeGreaterThanOrEqual(2);
      for (let k = 1; k <= 5; k++) expect(round(lb, sticky(10800), k * 60 * S)).toEqual(first);
    },
  },
  {
    name: 'the affinity timeout counts from the last use: a client using its endpoint every 8 s (timeout 10 s) keeps it',
    run(factory) {
      const lb = make(factory);
      const first = round(lb, sticky(10), 0);
      for (const t of [8, 16, 24, 32]) expect(round(lb, sticky(10), t * S), `at ${t} s`).toEqual(first);
    },
  },
  {
    name: 'once the timeout passes without use, the next connection is a fresh choice (some of 50 clients move)',
    run(factory) {
      const lb = make(factory);
      const first = round(lb, sticky(10), 0);
      expect(round(lb, sticky(10), 9_999), 'just before the timeout').toEqual(first);
      const lb2 = make(factory);
      const before = round(lb2, sticky(10), 0);
      const after = round(lb2, sticky(10), 10 * S);
      expect(moved(before, after), 'clients on another endpoint exactly 10 s after their last use').toBeGreaterThanOrEqual(5);
    },
  },
  {
    name: 'a bound endpoint that is gone is dropped: the client gets one of the remaining endpoints and sticks to it',
    run(factory) {
      const lb = make(factory);
      const first = round(lb, sticky(10800), 0);
      const gone = EPS[1]!;
      const remaining = EPS.filter((e) => e !== gone);
      const next = round(lb, sticky(10800), S, remaining);
      for (const [i, ep] of next.entries()) {
        expect(remaining).toContain(ep);
        if (first[i] !== gone) expect(ep, `client ${CLIENTS[i]} was on ${first[i]}`).toBe(first[i]);
      }
      expect(round(lb, sticky(10800), 2 * S, remaining)).toEqual(next);
      // The endpoint comes back: nobody is moved back to it.
      expect(round(lb, sticky(10800), 3 * S, EPS)).toEqual(next);
    },
  },
  {
    name: 'affinity is per Service port: one client keeps its endpoint in each of two Services',
    run(factory) {
      const lb = make(factory);
      const a = ['10.244.1.5:80', '10.244.1.6:80', '10.244.1.7:80', '10.244.1.8:80'];
      const b = ['10.244.2.5:80', '10.244.2.6:80', '10.244.2.7:80', '10.244.2.8:80'];
      for (const client of CLIENTS.slice(0, 10)) {
        const seen = { a: new Set<string>(), b: new Set<string>() };
        for (let i = 0; i < 10; i++) {
          seen.a.add(lb.nextEndpoint('default/a:http', a, sticky(10800), client, i * S)!);
          seen.b.add(lb.nextEndpoint('default/b:http', b, sticky(10800), client, i * S + 500)!);
        }
        expect([seen.a.size, seen.b.size], `distinct endpoints client ${client} got from a and from b`).toEqual([1, 1]);
      }
    },
  },
  {
    name: 'each Service uses its own timeout',
    run(factory) {
      const lb = make(factory);
      const short = round(lb, sticky(1), 0, EPS, 'default/short:http');
      const long = round(lb, sticky(3600), 0, EPS, 'default/long:http');
      expect(round(lb, sticky(3600), 120 * S, EPS, 'default/long:http')).toEqual(long);
      expect(moved(short, round(lb, sticky(1), 120 * S, EPS, 'default/short:http'))).toBeGreaterThanOrEqual(5);
    },
  },
];
