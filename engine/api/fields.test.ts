import { describe, expect, it } from 'vitest';
import { isStatusError } from './errors.ts';
import { fieldsOf, parseFieldSelector, tryParseFieldSelector } from './fields.ts';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node-1', restartPolicy: 'Always' }, status: { phase: 'Running', podIP: '10.0.0.5' } };

describe('field selectors (pkg/fields)', () => {
  it('selects pods by node and phase, as the kubelet and kubectl do', () => {
    expect(parseFieldSelector('spec.nodeName=node-1', 'Pod').matches(fieldsOf(pod))).toBe(true);
    expect(parseFieldSelector('spec.nodeName==node-2', 'Pod').matches(fieldsOf(pod))).toBe(false);
    expect(parseFieldSelector('status.phase!=Running', 'Pod').matches(fieldsOf(pod))).toBe(false);
    expect(parseFieldSelector('metadata.name=web,metadata.namespace=default', 'Pod').matches(fieldsOf(pod))).toBe(true);
  });

  it('an unscheduled pod has an empty spec.nodeName', () => {
    const p = { ...pod, spec: {} };
    expect(parseFieldSelector('spec.nodeName=', 'Pod').matches(fieldsOf(p))).toBe(true);
  });

  it('refuses fields a kind does not support with the upstream message', () => {
    expect(tryParseFieldSelector('spec.foo=x', 'Pod')).toEqual({ ok: false, error: 'field label not supported: spec.foo' });
    expect(tryParseFieldSelector('spec.replicas=1', 'Deployment')).toEqual({
      ok: false,
      error: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
    try {
      parseFieldSelector('spec.foo=x', 'Node');
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'BadRequest')).toBe(true);
    }
  });

  it('knows the fields of nodes, events, secrets and namespaces', () => {
    expect(fieldsOf({ kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable: true } })['spec.unschedulable']).toBe('true');
    expect(fieldsOf({ kind: 'Node', metadata: { name: 'n' } })['spec.unschedulable']).toBe('false');
    const ev = fieldsOf({ kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', uid: 'u1' }, reason: 'Scheduled', type: 'Normal', source: { component: 'default-scheduler' } });
    expect(ev).toMatchObject({ 'involvedObject.kind': 'Pod', 'involvedObject.name': 'web', 'involvedObject.uid': 'u1', reason: 'Scheduled', type: 'Normal', source: 'default-scheduler' });
    expect(fieldsOf({ kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' }).type).toBe('kubernetes.io/tls');
    expect(fieldsOf({ kind: 'Namespace', metadata: { name: 'x' }, status: { phase: 'Terminating' } })['status.phase']).toBe('Terminating');
  });

  it('handles escaped commas and equals signs in values and prints them escaped', () => {
    const s = parseFieldSelector('metadata.name=a\\,b\\=c');
    expect(s.matches({ 'metadata.name': 'a,b=c' })).toBe(true);
    expect(s.toString()).toBe('metadata.name=a\\,b\\=c');
  });

  it('reports terms without an operator', () => {
    expect(tryParseFieldSelector('metadata.name')).toEqual({ ok: false, error: "invalid selector: 'metadata.name'; can't understand 'metadata.name'" });
  });

  it('the empty selector matches everything', () => {
    expect(parseFieldSelector('', 'Pod').empty()).toBe(true);
    expect(parseFieldSelector('', 'Pod').matches(fieldsOf(pod))).toBe(true);
  });
});
