/**
 * Service validation: KK pkg/apis/core/validation/validation.go (ValidateService,
 * ValidateServiceUpdate), plus the NodePort range check upstream's port allocator makes
 * (`provided port is not in the valid range. The range of valid ports is 30000-32767`).
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { validatePortNumOrName, PROTOCOLS } from './pod.ts';
import { validateLabels } from './label-validation.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from './names.ts';
import { arr, has, isIP, isObj, num, obj, str, validateEnum, type Obj } from './helpers.ts';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
const SPEC = FieldPath.root('spec');

export function validateService(svc: Obj): FieldError[] {
  const s = obj(svc, 'spec');
  const errs: FieldError[] = [];
  const type = s.type;
  errs.push(...validateEnum(type, SERVICE_TYPES, SPEC.child('type'), true));
  const clusterIP = str(s, 'clusterIP');
  const headless = clusterIP === 'None';
  if (clusterIP !== '' && !headless && !isIP(clusterIP)) {
    errs.push(fieldErrors.invalid(SPEC.child('clusterIP'), clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (type === 'ExternalName') {
    const en = str(s, 'externalName');
    if (en === '') errs.push(fieldErrors.required(SPEC.child('externalName'), ''));
    else for (const m of isDNS1123Subdomain(en.replace(/\.$/, ''))) errs.push(fieldErrors.invalid(SPEC.child('externalName'), en, m));
  }
  const ports = arr(s, 'ports');
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldErrors.required(SPEC.child('ports'), ''));
  const names = new Set<string>();
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const pp = SPEC.child('ports').index(i);
    if (!isObj(p)) return;
    const name = str(p, 'name');
    if (ports.length > 1 && name === '') errs.push(fieldErrors.required(pp.child('name'), ''));
    else if (name !== '') {
      for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(pp.child('name'), name, m));
      if (names.has(name)) errs.push(fieldErrors.duplicate(pp.child('name'), name));
      names.add(name);
    }
    const port = num(p, 'port');
    if (port === undefined) errs.push(fieldErrors.required(pp.child('port'), ''));
    else for (const m of isValidPortNum(port)) errs.push(fieldErrors.invalid(pp.child('port'), port, m));
    errs.push(...validateEnum(p.protocol, PROTOCOLS, pp.child('protocol'), true));
    if (has(p, 'targetPort')) errs.push(...validatePortNumOrName(p.targetPort, pp.child('targetPort')));
    const key = `${port}/${String(p.protocol)}`;
    if (seenPorts.has(key)) errs.push(fieldErrors.duplicate(pp, `${port}/${String(p.protocol)}`));
    seenPorts.add(key);
    const np = num(p, 'nodePort');
    if (np !== undefined && np !== 0) {
      if (type === 'ClusterIP' || type === 'ExternalName') errs.push(fieldErrors.forbidden(pp.child('nodePort'), `may not be used when \`type\` is '${String(type)}'`));
      else if (np < NODE_PORT_RANGE.min || np > NODE_PORT_RANGE.max) {
        errs.push(fieldErrors.invalid(pp.child('nodePort'), np, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
      }
    }
  });
  errs.push(...validateEnum(s.sessionAffinity, ['ClientIP', 'None'], SPEC.child('sessionAffinity'), true));
  const timeout = num(obj(obj(s, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds');
  if (s.sessionAffinity === 'ClientIP' && timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    errs.push(fieldErrors.invalid(SPEC.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), timeout, 'must be greater than 0 and less than 86400'));
  }
  if (s.sessionAffinity === 'None' && has(s, 'sessionAffinityConfig')) {
    errs.push(fieldErrors.invalid(SPEC.child('sessionAffinityConfig'), s.sessionAffinityConfig, 'must not be set when `sessionAffinity` is None'));
  }
  errs.push(...validateLabels(s.selector, SPEC.child('selector')));
  errs.push(...validateEnum(s.internalTrafficPolicy, ['Cluster', 'Local'], SPEC.child('internalTrafficPolicy')));
  errs.push(...validateEnum(s.externalTrafficPolicy, ['Cluster', 'Local'], SPEC.child('externalTrafficPolicy')));
  return errs;
}

/**
 * clusterIP is immutable once allocated (`spec.clusterIP: Invalid value: "10.0.0.9": field is
 * immutable`). An update that leaves it empty keeps the old value: the apiserver copies it over
 * first (upstream registry's patchAllocatedValues), so '' is not reported here.
 */
export function validateServiceUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateService(n);
  const nip = str(obj(n, 'spec'), 'clusterIP');
  const oip = str(obj(o, 'spec'), 'clusterIP');
  const changingType = obj(n, 'spec').type === 'ExternalName' || obj(o, 'spec').type === 'ExternalName';
  if (nip !== '' && oip !== '' && nip !== oip && !changingType) errs.push(fieldErrors.invalid(SPEC.child('clusterIP'), nip, 'field is immutable'));
  return errs;
}
