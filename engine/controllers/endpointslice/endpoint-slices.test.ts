/** desiredSlices and endpointsSubsets as pure functions: the conditions each pod state yields. */
import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { endpointsSubsets } from '../../../solutions/service/endpoints-subsets.ts';
import { desiredSlices, portSetKey } from './endpoint-slices.ts';

function pod(name: string, ip: string | undefined, opts: { ready?: boolean; terminating?: boolean; phase?: string; portName?: string } = {}): corev1.Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(opts.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: opts.portName ?? 'http', containerPort: 8080 }] }] },
    status: { phase: opts.phase ?? 'Running', ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

const svc: corev1.Service = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };

describe('desiredSlices', () => {
  it('gives ready, not-ready and terminating pods the upstream conditions; skips pods without IP or finished', () => {
    const pods = [
      pod('ready', '10.0.0.1'),
      pod('notready', '10.0.0.2', { ready: false }),
      pod('term-ready', '10.0.0.3', { terminating: true }),
      pod('term-notready', '10.0.0.4', { terminating: true, ready: false }),
      pod('noip', undefined),
      pod('done', '10.0.0.5', { phase: 'Succeeded' }),
    ];
    const [slice, ...rest] = desiredSlices(svc, pods);
    expect(rest).toEqual([]);
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(Object.fromEntries(slice!.endpoints.map((e) => [e.targetRef!.name, e.conditions]))).toEqual({
      ready: { ready: true, serving: true, terminating: false },
      notready: { ready: false, serving: false, terminating: false },
      'term-ready': { ready: false, serving: true, terminating: true },
      'term-notready': { ready: false, serving: false, terminating: true },
    });
  });

  it('groups pods by resolved port set and leaves out pods lacking the named port', () => {
    const pods = [pod('a', '10.0.0.1'), pod('b', '10.0.0.2', { portName: 'other' })];
    const slices = desiredSlices(svc, pods);
    expect(slices.map((s) => s.endpoints.map((e) => e.targetRef!.name))).toEqual([['a']]);
    expect(portSetKey([{ name: 'a', port: 1 }, { name: 'b', port: 2 }])).toBe(portSetKey([{ name: 'b', port: 2, protocol: 'TCP' }, { name: 'a', port: 1 }]));
  });

  it("gives an endpoint the pod's hostname only when the pod's subdomain is this Service (a StatefulSet pod and its headless Service)", () => {
    const member = { ...pod('web-0', '10.0.0.1'), spec: { ...pod('web-0', '10.0.0.1').spec!, hostname: 'web-0', subdomain: 'web' } };
    const stranger = { ...pod('x-0', '10.0.0.2'), spec: { ...pod('x-0', '10.0.0.2').spec!, hostname: 'x-0', subdomain: 'other' } };
    const [slice] = desiredSlices(svc, [member, stranger]);
    expect(Object.fromEntries(slice!.endpoints.map((e) => [e.targetRef!.name, e.hostname]))).toEqual({ 'web-0': 'web-0', 'x-0': undefined });
  });
});

describe('endpointsSubsets', () => {
  it('drops terminating pods, splits ready from not ready, and publishNotReadyAddresses lists all as ready', () => {
    const pods = [pod('ready', '10.0.0.1'), pod('notready', '10.0.0.2', { ready: false }), pod('term', '10.0.0.3', { terminating: true })];
    expect(endpointsSubsets(svc, pods)).toEqual([
      {
        addresses: [{ ip: '10.0.0.1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'ready', uid: 'uid-ready' } }],
        notReadyAddresses: [{ ip: '10.0.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'notready', uid: 'uid-notready' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    const all = endpointsSubsets({ ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } }, pods);
    expect(all[0]!.addresses!.map((a) => a.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(all[0]!.notReadyAddresses).toBeUndefined();
  });

  it('a headless Service without ports lists its pods in a port-less subset', () => {
    const headless: corev1.Service = { metadata: { name: 'h', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'web' } } };
    expect(endpointsSubsets(headless, [pod('a', '10.0.0.1')])).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.1' })] }]);
  });
});
