/**
 * Ingress and IngressClass validation and defaults (KK pkg/apis/networking/validation and
 * v1/defaults.go), through the apiserver's defaulting + validation steps.
 */
import { describe, expect, it } from 'vitest';
import { defaultObject } from '../defaults/default-object.ts';
import { fieldErrorString } from '../field-errors.ts';
import type { KubeObject } from '../object.ts';
import { validateObjectMeta } from '../../../solutions/apiserver/object-meta-validation.ts';
import { secretTypes } from '../../../solutions/secret/secret-types.ts';
import type { ValidationContext } from './object-meta.ts';
import { validateObject } from './validate-object.ts';

const ctx: ValidationContext = { objectMeta: validateObjectMeta, secretTypes };

function check(o: Record<string, unknown>): string[] {
  const c = structuredClone(o) as KubeObject;
  defaultObject(c);
  return validateObject(c, ctx).map(fieldErrorString);
}

const ingressClass = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'c' }, spec });
const ingress = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'default' }, spec });
const backend = { service: { name: 'web', port: { number: 80 } } };

describe('IngressClass', () => {
  it('defaults parameters.scope to Cluster', () => {
    const c: any = ingressClass({ controller: 'acme.io/lb', parameters: { kind: 'Params', name: 'p' } });
    defaultObject(c);
    expect(c.spec.parameters.scope).toBe('Cluster');
    expect(check(c)).toEqual([]);
  });

  it('requires a namespace exactly when the parameters are namespace-scoped', () => {
    expect(check(ingressClass({ controller: 'acme.io/lb', parameters: { kind: 'Params', name: 'p', scope: 'Namespace' } }))).toEqual([
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]);
    expect(check(ingressClass({ controller: 'acme.io/lb', parameters: { kind: 'Params', name: 'p', namespace: 'x' } }))).toEqual([
      "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
    ]);
    expect(check(ingressClass({ controller: 'acme.io/lb', parameters: { kind: 'Params', name: 'p', scope: 'Namespace', namespace: 'x' } }))).toEqual([]);
  });

  it('needs the parameters kind and name, and a known scope', () => {
    expect(check(ingressClass({ controller: 'acme.io/lb', parameters: { scope: 'Global' } }))).toEqual([
      'spec.parameters.kind: Required value',
      'spec.parameters.name: Required value',
      'spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"',
    ]);
  });

  it('needs a domain-prefixed controller', () => {
    expect(check(ingressClass({ controller: 'nginx' }))).toEqual(['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
  });
});

describe('Ingress', () => {
  it('takes an ingressClassName that is a DNS subdomain only', () => {
    expect(check(ingress({ ingressClassName: 'tinykube', defaultBackend: backend }))).toEqual([]);
    expect(check(ingress({ ingressClassName: 'Bad_Class', defaultBackend: backend }))[0]).toMatch(/^spec\.ingressClassName: Invalid value: "Bad_Class": a lowercase RFC 1123 subdomain/);
  });

  it('needs rules or a defaultBackend, and a pathType on every path', () => {
    expect(check(ingress({}))).toEqual(['spec: Invalid value: []: either `defaultBackend` or `rules` must be specified']);
    expect(check(ingress({ rules: [{ http: { paths: [{ path: '/', backend }] } }] }))).toEqual(['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
  });
});
