/**
 * The remaining groups: discovery.k8s.io/v1 EndpointSlice, coordination.k8s.io/v1 Lease,
 * storage.k8s.io/v1 StorageClass, apps/v1 ControllerRevision (KK pkg/apis/*\/validation).
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { arr, has, isIP, isObj, jsonEqual, num, obj, str, validateEnum, validateNonnegative, type Obj } from './helpers.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from './names.ts';
import { PROTOCOLS } from './pod.ts';

/** EndpointSlice: addressType required (IPv4/IPv6/FQDN); ≤ 1000 endpoints of 1–100 addresses; ≤ 100 ports. */
export function validateEndpointSlice(es: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const at = es.addressType;
  errs.push(...validateEnum(at, ['IPv4', 'IPv6', 'FQDN'], FieldPath.root('addressType'), true));
  const eps = arr(es, 'endpoints');
  if (eps.length > 1000) errs.push(fieldErrors.tooMany('endpoints', eps.length, 1000));
  eps.forEach((e, i) => {
    const ep = FieldPath.root('endpoints').index(i);
    const addrs = arr(e, 'addresses');
    if (addrs.length === 0) errs.push(fieldErrors.required(ep.child('addresses'), 'must contain at least 1 address'));
    if (addrs.length > 100) errs.push(fieldErrors.tooMany(ep.child('addresses'), addrs.length, 100));
    addrs.forEach((a, j) => {
      const s = typeof a === 'string' ? a : '';
      const ok = at === 'FQDN' ? isDNS1123Subdomain(s).length === 0 : at === 'IPv4' ? isIP(s) && !s.includes(':') : at === 'IPv6' ? isIP(s) && s.includes(':') : true;
      if (!ok) errs.push(fieldErrors.invalid(ep.child('addresses').index(j), a, `must be a valid ${String(at)} address`));
    });
  });
  const ports = arr(es, 'ports');
  if (ports.length > 100) errs.push(fieldErrors.tooMany('ports', ports.length, 100));
  ports.forEach((p, i) => {
    const pp = FieldPath.root('ports').index(i);
    const name = str(p, 'name');
    if (name !== '') for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(pp.child('name'), name, m));
    const port = num(p, 'port');
    if (port !== undefined) for (const m of isValidPortNum(port)) errs.push(fieldErrors.invalid(pp.child('port'), port, m));
    if (isObj(p)) errs.push(...validateEnum(p.protocol, PROTOCOLS, pp.child('protocol')));
  });
  return errs;
}

export function validateEndpointSliceUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateEndpointSlice(n);
  if (n.addressType !== o.addressType) errs.push(fieldErrors.invalid('addressType', n.addressType, 'field is immutable'));
  return errs;
}

/** Lease: leaseDurationSeconds > 0, leaseTransitions ≥ 0. */
export function validateLease(l: Obj): FieldError[] {
  const s = obj(l, 'spec');
  const sp = FieldPath.root('spec');
  const errs: FieldError[] = [];
  const d = num(s, 'leaseDurationSeconds');
  if (d !== undefined && d <= 0) errs.push(fieldErrors.invalid(sp.child('leaseDurationSeconds'), d, 'must be greater than 0'));
  errs.push(...validateNonnegative(num(s, 'leaseTransitions'), sp.child('leaseTransitions')));
  return errs;
}

/** StorageClass: provisioner required; provisioner, parameters and reclaimPolicy immutable. */
export function validateStorageClass(sc: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (str(sc, 'provisioner') === '') errs.push(fieldErrors.required('provisioner', ''));
  errs.push(...validateEnum(sc.reclaimPolicy, ['Delete', 'Retain'], FieldPath.root('reclaimPolicy')));
  errs.push(...validateEnum(sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer'], FieldPath.root('volumeBindingMode')));
  return errs;
}

export function validateStorageClassUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateStorageClass(n);
  for (const f of ['provisioner', 'parameters', 'reclaimPolicy']) {
    if (!jsonEqual(n[f], o[f])) errs.push(fieldErrors.forbidden(f, 'updates to ' + f + ' are forbidden.'));
  }
  return errs;
}

/** ControllerRevision: revision ≥ 0; data is immutable once created. */
export function validateControllerRevision(cr: Obj): FieldError[] {
  const errs = validateNonnegative(num(cr, 'revision'), FieldPath.root('revision'));
  if (!has(cr, 'data')) errs.push(fieldErrors.required('data', ''));
  return errs;
}

export function validateControllerRevisionUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateControllerRevision(n);
  if (!jsonEqual(n.data, o.data)) errs.push(fieldErrors.invalid('data', n.data, 'field is immutable'));
  return errs;
}
