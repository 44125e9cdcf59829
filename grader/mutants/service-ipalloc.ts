/** Typical mistakes in `service.ipalloc`; the self-check proves each one fails a case. */
import { formatIPv4, parseCIDR } from '../../engine/apiserver/handlers/ip-allocator.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'service.ipalloc',
  mutants: [
    {
      name: 'network-and-broadcast-usable',
      mistake: "treats the range's network and broadcast addresses as ordinary addresses",
      make: (ref) => (request) => {
        const { base, size } = parseCIDR(request.cidr);
        const edges = [formatIPv4(base), formatIPv4(base + size - 1)];
        if (request.requested && edges.includes(request.requested) && !request.used.has(request.requested)) return { ip: request.requested };
        if (!request.requested) {
          const edge = edges.find((ip) => !request.used.has(ip));
          const answer = ref(request);
          if ('refused' in answer && edge) return { ip: edge };
          if (edge && size <= 16) return { ip: edge };
          return answer;
        }
        return ref(request);
      },
    },
    {
      name: 'ignores-taken',
      mistake: 'ignores the addresses other Services hold, handing one out twice',
      make: (ref) => (request) => ref({ ...request, used: new Set() }),
    },
    {
      name: 'whole-range-random',
      mistake: 'picks at random over the whole range, static band included',
      make: (ref) => (request) => {
        if (request.requested) return ref(request);
        const { base, size } = parseCIDR(request.cidr);
        const usable = size - 2;
        const start = request.random.int(usable);
        for (let k = 0; k < usable; k++) {
          const ip = formatIPv4(base + 1 + ((start + k) % usable));
          if (!request.used.has(ip)) return { ip };
        }
        return { refused: 'Full', message: 'range is full' };
      },
    },
  ],
});
