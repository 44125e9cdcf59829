/**
 * networking.k8s.io/v1 Ingress and IngressClass: KK pkg/apis/networking/validation/validation.go
 * (ValidateIngressCreate/validateIngressSpec, validateHTTPIngressRuleValue, validateIngressBackend).
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { arr, has, isIP, isObj, num, obj, str, type Obj } from './helpers.ts';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain } from './names.ts';

export const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;
const SPEC = FieldPath.root('spec');

function validateBackend(b: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const hasService = has(b, 'service');
  const hasResource = has(b, 'resource');
  if (hasService && hasResource) return [fieldErrors.invalid(path, '', 'cannot set both resource and service backends')];
  if (!hasService && !hasResource) return [fieldErrors.invalid(path, '', 'resource or service backend is required')];
  if (hasService) {
    const svc = obj(b, 'service');
    const sp = path.child('service');
    const name = str(svc, 'name');
    if (name === '') errs.push(fieldErrors.required(sp.child('name'), ''));
    else for (const m of isDNS1035Label(name)) errs.push(fieldErrors.invalid(sp.child('name'), name, m));
    const port = obj(svc, 'port');
    const pname = str(port, 'name');
    const pnum = num(port, 'number');
    if (pname !== '' && pnum !== undefined && pnum !== 0) errs.push(fieldErrors.invalid(sp.child('port'), pname, 'cannot set both port name & port number'));
    else if (pname !== '') for (const m of isValidPortName(pname)) errs.push(fieldErrors.invalid(sp.child('port', 'name'), pname, m));
    else if (pnum !== undefined) for (const m of isValidPortNum(pnum)) errs.push(fieldErrors.invalid(sp.child('port', 'number'), pnum, m));
    else errs.push(fieldErrors.required(sp.child('port'), 'port name or number is required'));
  } else {
    const r = obj(b, 'resource');
    if (str(r, 'kind') === '') errs.push(fieldErrors.required(path.child('resource', 'kind'), ''));
    if (str(r, 'name') === '') errs.push(fieldErrors.required(path.child('resource', 'name'), ''));
  }
  return errs;
}

export function validateIngress(ing: Obj): FieldError[] {
  const s = obj(ing, 'spec');
  const errs: FieldError[] = [];
  // ValidateIngressClassName: an IngressClass name, so a DNS subdomain.
  const className = str(s, 'ingressClassName');
  if (className !== '') for (const m of isDNS1123Subdomain(className)) errs.push(fieldErrors.invalid(SPEC.child('ingressClassName'), className, m));
  const rules = arr(s, 'rules');
  if (rules.length === 0 && !has(s, 'defaultBackend')) errs.push(fieldErrors.invalid(SPEC, rules, 'either `defaultBackend` or `rules` must be specified'));
  if (has(s, 'defaultBackend')) errs.push(...validateBackend(obj(s, 'defaultBackend'), SPEC.child('defaultBackend')));
  rules.forEach((r, i) => {
    const rp = SPEC.child('rules').index(i);
    if (!isObj(r)) return;
    const host = str(r, 'host');
    if (host !== '') {
      if (isIP(host)) errs.push(fieldErrors.invalid(rp.child('host'), host, 'must be a DNS name, not an IP address'));
      else if (host.includes('*')) for (const m of isWildcardDNS1123Subdomain(host)) errs.push(fieldErrors.invalid(rp.child('host'), host, m));
      else for (const m of isDNS1123Subdomain(host)) errs.push(fieldErrors.invalid(rp.child('host'), host, m));
    }
    if (!has(r, 'http')) return;
    const paths = arr(obj(r, 'http'), 'paths');
    if (paths.length === 0) errs.push(fieldErrors.required(rp.child('http', 'paths'), ''));
    paths.forEach((p, j) => {
      const pp = rp.child('http', 'paths').index(j);
      if (!isObj(p)) return;
      const pt = p.pathType;
      if (pt === undefined || pt === null || pt === '') errs.push(fieldErrors.required(pp.child('pathType'), 'pathType must be specified'));
      else if (!(PATH_TYPES as readonly unknown[]).includes(pt)) errs.push(fieldErrors.notSupported(pp.child('pathType'), pt, PATH_TYPES));
      const path = str(p, 'path');
      if ((pt === 'Exact' || pt === 'Prefix') && !path.startsWith('/')) errs.push(fieldErrors.invalid(pp.child('path'), path, 'must be an absolute path'));
      else if (pt === 'ImplementationSpecific' && path !== '' && !path.startsWith('/')) errs.push(fieldErrors.invalid(pp.child('path'), path, 'must be an absolute path'));
      if ((pt === 'Exact' || pt === 'Prefix') && /\/\/|\/\.\.?(\/|$)/.test(path)) errs.push(fieldErrors.invalid(pp.child('path'), path, "must not contain '//', '/./' or '/../'"));
      errs.push(...validateBackend(obj(p, 'backend'), pp.child('backend')));
    });
  });
  arr(s, 'tls').forEach((t, i) => {
    arr(t, 'hosts').forEach((h, j) => {
      const hs = typeof h === 'string' ? h : '';
      const msgs = hs.includes('*') ? isWildcardDNS1123Subdomain(hs) : isDNS1123Subdomain(hs);
      for (const m of msgs) errs.push(fieldErrors.invalid(SPEC.child('tls').index(i).child('hosts').index(j), h, m));
    });
  });
  return errs;
}

/**
 * IngressClass: spec.controller is required and immutable, a domain-prefixed path of at most 250
 * characters; spec.parameters (validateIngressClassParametersReference) needs kind and name, a
 * scope of Cluster (the default) or Namespace, and a namespace exactly when the scope is Namespace.
 */
export function validateIngressClass(ic: Obj): FieldError[] {
  const spec = obj(ic, 'spec');
  const c = str(spec, 'controller');
  const errs: FieldError[] = [];
  if (c === '') errs.push(fieldErrors.required(SPEC.child('controller'), ''));
  else if (c.length > 250) errs.push(fieldErrors.tooLong(SPEC.child('controller'), c, 250));
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/\S+$/.test(c)) errs.push(fieldErrors.invalid(SPEC.child('controller'), c, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  if (has(spec, 'parameters')) errs.push(...validateIngressClassParameters(obj(spec, 'parameters'), SPEC.child('parameters')));
  return errs;
}

const PARAMETER_SCOPES = ['Cluster', 'Namespace'] as const;

function validateIngressClassParameters(p: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(p, 'kind') === '') errs.push(fieldErrors.required(path.child('kind'), ''));
  if (str(p, 'name') === '') errs.push(fieldErrors.required(path.child('name'), ''));
  const scope = str(p, 'scope');
  const ns = str(p, 'namespace');
  if (scope === '') errs.push(fieldErrors.required(path.child('scope'), ''));
  else if (!(PARAMETER_SCOPES as readonly string[]).includes(scope)) errs.push(fieldErrors.notSupported(path.child('scope'), scope, PARAMETER_SCOPES));
  else if (scope === 'Namespace' && ns === '') errs.push(fieldErrors.required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
  else if (scope === 'Cluster' && ns !== '') errs.push(fieldErrors.forbidden(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  return errs;
}

export function validateIngressClassUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateIngressClass(n);
  const nc = str(obj(n, 'spec'), 'controller');
  if (nc !== str(obj(o, 'spec'), 'controller')) errs.push(fieldErrors.invalid(SPEC.child('controller'), nc, 'field is immutable'));
  return errs;
}
