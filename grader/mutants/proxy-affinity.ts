/** Typical mistakes in `proxy.affinity`; the self-check proves each one fails a case. */
import type { LoadBalancer, LoadBalancerFactory } from '../../engine/proxy/session-affinity.ts';
import { defineMutants } from '../exercise-tests.ts';

/** Wraps the reference, rewriting the arguments of each call. */
const wrap =
  (ref: LoadBalancerFactory, rewrite: (args: Parameters<LoadBalancer['nextEndpoint']>) => Parameters<LoadBalancer['nextEndpoint']>): LoadBalancerFactory =>
  (options) => {
    const lb = ref(options);
    return { nextEndpoint: (...args) => lb.nextEndpoint(...rewrite(args)) };
  };

export default defineMutants({
  part: 'proxy.affinity',
  mutants: [
    {
      name: 'never-expires',
      mistake: 'ignores timeoutSeconds: a client stays bound to its endpoint forever',
      make: (ref) => wrap(ref, ([svc, eps, aff, ip, now]) => [svc, eps, aff.type === 'ClientIP' ? { type: 'ClientIP', timeoutSeconds: Number.MAX_SAFE_INTEGER / 1e4 } : aff, ip, now]),
    },
    {
      name: 'keyed-on-service',
      mistake: 'remembers one endpoint per Service instead of one per client IP, so every client lands on the same pod',
      make: (ref) => wrap(ref, ([svc, eps, aff, , now]) => [svc, eps, aff, '0.0.0.0', now]),
    },
    {
      name: 'keyed-on-client-only',
      mistake: 'remembers one endpoint per client IP for all Services, so a client using two Services keeps losing its binding',
      make: (ref) => wrap(ref, ([, eps, aff, ip, now]) => [ip, eps, aff, ip, now]),
    },
    {
      name: 'timeout-from-first-use',
      mistake: 'measures the timeout from when the client was first bound instead of from its last connection',
      make: () => ({ random }) => {
        const bound = new Map<string, { endpoint: string; since: number }>();
        return {
          nextEndpoint(svc, eps, aff, ip, now) {
            if (eps.length === 0) return undefined;
            if (aff.type !== 'ClientIP') return eps[random.int(eps.length)];
            const b = bound.get(`${svc}|${ip}`);
            if (b && now - b.since < aff.timeoutSeconds * 1000 && eps.includes(b.endpoint)) return b.endpoint;
            const endpoint = eps[random.int(eps.length)]!;
            bound.set(`${svc}|${ip}`, { endpoint, since: now });
            return endpoint;
          },
        };
      },
    },
    {
      name: 'always-first',
      mistake: 'always picks the first endpoint when there is no affinity, so one pod takes all the traffic',
      make: (ref) => (options) => {
        const lb = ref(options);
        return { nextEndpoint: (svc, eps, aff, ip, now) => (aff.type === 'ClientIP' ? lb.nextEndpoint(svc, eps, aff, ip, now) : eps[0]) };
      },
    },
  ],
});
