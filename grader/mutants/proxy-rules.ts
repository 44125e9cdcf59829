/** Typical mistakes in `proxy.rules`; the self-check proves each one fails a case. */
import type { discoveryv1 } from '../../engine/api/types.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'proxy.rules',
  mutants: [
    {
      name: 'ignores-readiness',
      mistake: 'sends traffic to every endpoint of the slices, ready or not',
      make: (ref) => (services, slices, node) =>
        ref(
          services,
          slices.map((s) => ({ ...s, endpoints: (s.endpoints ?? []).map((e): discoveryv1.Endpoint => ({ ...e, conditions: { ...e.conditions, ready: true } })) })),
          node,
        ),
    },
    {
      name: 'ports-by-number',
      mistake: "matches a Service port to the slice port with the same number instead of the same name",
      make: (ref) => (services, slices, node) =>
        ref(
          services,
          slices.map((s) => {
            const svc = services.find((x) => x.metadata?.namespace === s.metadata?.namespace && x.metadata?.name === s.metadata?.labels?.['kubernetes.io/service-name']);
            const nameOf = (port: number | undefined) => svc?.spec?.ports?.find((p) => p.port === port)?.name ?? '~no-such-port~';
            return { ...s, ports: (s.ports ?? []).map((p) => ({ ...p, name: nameOf(p.port ?? undefined) })) };
          }),
          node,
        ),
    },
    {
      name: 'no-node-ports',
      mistake: 'programs the ClusterIP but forgets the node port of NodePort Services',
      make: (ref) => (services, slices, node) => ({
        rules: ref(services, slices, node).rules.map((r) => {
          const { nodePort, ...rest } = r;
          void nodePort;
          return { ...rest, nodePortEndpoints: [] };
        }),
      }),
    },
    {
      name: 'no-terminating-fallback',
      mistake: 'never uses serving terminating endpoints, so a Service whose pods are all shutting down refuses connections at once',
      make: (ref) => (services, slices, node) =>
        ref(
          services,
          slices.map((s) => ({ ...s, endpoints: (s.endpoints ?? []).filter((e) => e.conditions?.ready ?? true) })),
          node,
        ),
    },
    {
      name: 'drops-empty-services',
      mistake: 'leaves out Services without endpoints, so their ClusterIP times out instead of refusing the connection',
      make: (ref) => (services, slices, node) => ({ rules: ref(services, slices, node).rules.filter((r) => r.clusterEndpoints.length > 0) }),
    },
  ],
});
