/** resolv.conf as containerd writes it, and the search path getaddrinfo applies to it. */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { formatResolvConf, lookupHost, parseResolvConf, searchCandidates } from './resolv-conf.ts';
import { createSimulatedNetwork } from './simulated-network.ts';

const CLUSTER_FIRST = { servers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };

describe('resolv.conf', () => {
  it('is written as search, nameserver, options lines and read back the same', () => {
    const text = formatResolvConf(CLUSTER_FIRST);
    expect(text).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(parseResolvConf(text)).toEqual({ nameservers: ['10.96.0.10'], search: CLUSTER_FIRST.searches, ndots: 5 });
    expect(parseResolvConf(undefined)).toEqual({ nameservers: [], search: [], ndots: 1 });
    expect(parseResolvConf('# comment\ndomain corp.example\nnameserver 1.1.1.1\nnameserver 8.8.8.8\n')).toEqual({ nameservers: ['1.1.1.1', '8.8.8.8'], search: ['corp.example'], ndots: 1 });
  });

  it('with ndots:5 a short name tries the search domains first, a name with 5 dots or a final dot is tried as written first', () => {
    const conf = parseResolvConf(formatResolvConf(CLUSTER_FIRST));
    expect(searchCandidates('web', conf)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('web.default', conf)[0]).toBe('web.default.default.svc.cluster.local');
    expect(searchCandidates('web.default', conf)[1]).toBe('web.default.svc.cluster.local');
    expect(searchCandidates('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('web.default.svc.cluster.local.', conf)).toEqual(['web.default.svc.cluster.local']);
  });

  it('lookupHost walks the candidates until one has an address; no server at all is unreachable', async () => {
    const network = createSimulatedNetwork({ clock: new VirtualClock() });
    const conf = parseResolvConf(formatResolvConf(CLUSTER_FIRST));
    expect(await lookupHost(network, '10.244.1.2', conf, 'web')).toEqual({ error: 'unreachable' });
    const asked: string[] = [];
    network.serveDns('10.96.0.10', (q) => {
      asked.push(q.name);
      return q.name === 'web.default.svc.cluster.local'
        ? { rcode: 'NOERROR', authoritative: true, answers: [{ name: q.name, type: 'A', ttl: 30, address: '10.96.0.50' }], additionals: [] }
        : { rcode: 'NXDOMAIN', authoritative: true, answers: [], additionals: [] };
    });
    expect(await lookupHost(network, '10.244.1.2', conf, 'web.default')).toEqual({ ips: ['10.96.0.50'], name: 'web.default.svc.cluster.local' });
    expect(asked).toEqual(['web.default.default.svc.cluster.local', 'web.default.svc.cluster.local']);
    expect(await lookupHost(network, '10.244.1.2', conf, 'nope')).toEqual({ error: 'NXDOMAIN' });
    expect(await lookupHost(network, '10.244.1.2', conf, '10.1.2.3')).toEqual({ ips: ['10.1.2.3'], name: '10.1.2.3' });
  });
});
