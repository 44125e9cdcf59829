/** Typical mistakes in `service.endpoints`; the self-check proves each one fails a case. */
import type { corev1 } from '../../engine/api/types.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'service.endpoints',
  mutants: [
    {
      name: 'ready-swapped',
      mistake: 'puts Ready pods in notReadyAddresses and the others in addresses',
      make: (ref) => (service, pods) =>
        ref(service, pods).map((s) => {
          const out: corev1.EndpointSubset = { ...s, addresses: s.notReadyAddresses, notReadyAddresses: s.addresses };
          if (!out.addresses) delete out.addresses;
          if (!out.notReadyAddresses) delete out.notReadyAddresses;
          return out;
        }),
    },
    {
      name: 'named-port-ignored',
      mistake: "ignores a named targetPort and uses the Service's port instead",
      make: (ref) => (service, pods) =>
        ref({ ...service, spec: { ...service.spec, ports: service.spec?.ports?.map((p) => (typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort) ? { ...p, targetPort: p.port } : p)) } }, pods),
    },
    {
      name: 'terminating-kept',
      mistake: 'keeps terminating pods (deletionTimestamp set) as endpoints',
      make: (ref) => (service, pods) =>
        ref(
          service,
          pods.map((p) => (p.metadata?.deletionTimestamp ? { ...p, metadata: { ...p.metadata, deletionTimestamp: undefined } } : p)),
        ),
    },
    {
      name: 'all-ready',
      mistake: 'lists every pod under addresses, whether it is Ready or not',
      make: (ref) => (service, pods) => ref({ ...service, spec: { ...service.spec, publishNotReadyAddresses: !service.spec?.publishNotReadyAddresses } }, pods),
    },
  ],
});
