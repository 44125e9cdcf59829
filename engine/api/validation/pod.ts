/**
 * Pod and pod template validation: KK pkg/apis/core/validation/validation.go (ValidatePodSpec,
 * validateContainers, validateVolumes, validateContainerPorts, ValidateResourceRequirements,
 * validateProbe/validateHandler, ValidatePodTemplateSpec, ValidatePodUpdate), reduced to the rules
 * a learner meets. Paths and messages are upstream's.
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { parseQuantity, QUANTITY_FORMAT_ERROR } from '../quantity.ts';
import { VOLUME_SOURCE_FIELDS } from '../defaults/pod.ts';
import { validateLabels } from './label-validation.ts';
import { validateAnnotations } from './annotations.ts';
import { isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isValidPortName, isValidPortNum } from './names.ts';
import { arr, has, isObj, jsonEqual, num, obj, str, validateEnum, validateNonnegative, type Obj } from './helpers.ts';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function validateResources(res: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limits = obj(res, 'limits');
  const requests = obj(res, 'requests');
  for (const [which, m] of [['limits', limits], ['requests', requests]] as const) {
    for (const [k, v] of Object.entries(m)) {
      const q = parseQuantity(v);
      if (q === undefined) errs.push(fieldErrors.invalid(path.child(which).key(k), v, QUANTITY_FORMAT_ERROR));
      else if (q < 0) errs.push(fieldErrors.invalid(path.child(which).key(k), v, 'must be greater than or equal to 0'));
    }
  }
  for (const [k, v] of Object.entries(requests)) {
    if (!(k in limits)) continue;
    const q = parseQuantity(v);
    const l = parseQuantity(limits[k]);
    if (q !== undefined && l !== undefined && q > l) {
      errs.push(fieldErrors.invalid(path.child('requests').key(k), String(v), `must be less than or equal to ${k} limit of ${String(limits[k])}`));
    }
  }
  return errs;
}

function validateProbe(probe: unknown, path: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandlers(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe, f), path.child(f)));
  }
  const st = num(probe, 'successThreshold');
  if (kind !== 'readiness' && st !== undefined && st !== 1) errs.push(fieldErrors.invalid(path.child('successThreshold'), st, 'must be 1'));
  return errs;
}

/** validateHandler: exactly one of exec / httpGet / tcpSocket / grpc. */
function validateHandlers(h: Obj, path: FieldPath, allowed: readonly string[] = HANDLERS): FieldError[] {
  const set = allowed.filter((k) => has(h, k));
  if (set.length === 0) return [fieldErrors.required(path, 'must specify a handler type')];
  const errs: FieldError[] = set.slice(1).map((k) => fieldErrors.forbidden(path.child(k), 'may not specify more than 1 handler type'));
  const hg = obj(h, 'httpGet');
  if (has(h, 'httpGet')) errs.push(...validatePortNumOrName(hg.port, path.child('httpGet', 'port')));
  if (has(h, 'tcpSocket')) errs.push(...validatePortNumOrName(obj(h, 'tcpSocket').port, path.child('tcpSocket', 'port')));
  if (has(h, 'exec') && arr(obj(h, 'exec'), 'command').length === 0) errs.push(fieldErrors.required(path.child('exec', 'command'), ''));
  return errs;
}

/** ValidatePortNumOrName: 1..65535, or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErrors.invalid(path, port, m));
  if (typeof port === 'string') {
    if (port === '') return [fieldErrors.required(path, '')];
    return isValidPortName(port).map((m) => fieldErrors.invalid(path, port, m));
  }
  return [fieldErrors.required(path, '')];
}

function validateContainer(c: Obj, path: FieldPath, volumes: Set<string>, init: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c, 'name');
  if (name === '') errs.push(fieldErrors.required(path.child('name'), ''));
  else for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(path.child('name'), name, m));
  if (str(c, 'image').trim() === '') errs.push(fieldErrors.required(path.child('image'), ''));
  errs.push(...validateEnum(c.imagePullPolicy, PULL_POLICIES, path.child('imagePullPolicy')));
  errs.push(...validateEnum(c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, path.child('terminationMessagePolicy')));

  const portNames = new Set<string>();
  arr(c, 'ports').forEach((p, i) => {
    const pp = path.child('ports').index(i);
    if (!isObj(p)) return;
    const pname = str(p, 'name');
    if (pname !== '') {
      for (const m of isValidPortName(pname)) errs.push(fieldErrors.invalid(pp.child('name'), pname, m));
      if (portNames.has(pname)) errs.push(fieldErrors.duplicate(pp.child('name'), pname));
      portNames.add(pname);
    }
    const cp = num(p, 'containerPort');
    if (cp === undefined) errs.push(fieldErrors.required(pp.child('containerPort'), ''));
    else for (const m of isValidPortNum(cp)) errs.push(fieldErrors.invalid(pp.child('containerPort'), cp, m));
    const hp = num(p, 'hostPort');
    if (hp !== undefined && hp !== 0) for (const m of isValidPortNum(hp)) errs.push(fieldErrors.invalid(pp.child('hostPort'), hp, m));
    errs.push(...validateEnum(p.protocol, PROTOCOLS, pp.child('protocol'), true));
  });

  arr(c, 'env').forEach((e, i) => {
    const ep = path.child('env').index(i);
    const en = str(e, 'name');
    if (en === '') errs.push(fieldErrors.required(ep.child('name'), ''));
    else for (const m of isEnvVarName(en)) errs.push(fieldErrors.invalid(ep.child('name'), en, m));
    if (has(e, 'value') && has(e, 'valueFrom') && str(e, 'value') !== '') {
      errs.push(fieldErrors.invalid(ep.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
    }
  });

  const mountPaths = new Set<string>();
  arr(c, 'volumeMounts').forEach((m, i) => {
    const mp = path.child('volumeMounts').index(i);
    const vn = str(m, 'name');
    if (vn === '') errs.push(fieldErrors.required(mp.child('name'), ''));
    else if (!volumes.has(vn)) errs.push(fieldErrors.notFound(mp.child('name'), vn));
    const mpath = str(m, 'mountPath');
    if (mpath === '') errs.push(fieldErrors.required(mp.child('mountPath'), ''));
    else {
      if (mountPaths.has(mpath)) errs.push(fieldErrors.invalid(mp.child('mountPath'), mpath, 'must be unique'));
      mountPaths.add(mpath);
    }
  });

  errs.push(...validateResources(obj(c, 'resources'), path.child('resources')));
  if (init) {
    // Regular init containers may not have these probes (sidecars with restartPolicy Always may).
    const sidecar = c.restartPolicy === 'Always';
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (has(c, p) && !sidecar) errs.push(fieldErrors.forbidden(path.child(p), `may not be set for init containers without restartPolicy=Always`));
    }
  } else {
    errs.push(...validateProbe(c.livenessProbe, path.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, path.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, path.child('startupProbe'), 'startup'));
  }
  return errs;
}

function validateVolumes(spec: Obj, path: FieldPath): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(spec, 'volumes').forEach((v, i) => {
    const vp = path.index(i);
    if (!isObj(v)) return;
    const name = str(v, 'name');
    if (name === '') errs.push(fieldErrors.required(vp.child('name'), ''));
    else {
      for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(vp.child('name'), name, m));
      if (names.has(name)) errs.push(fieldErrors.duplicate(vp.child('name'), name));
      names.add(name);
    }
    const sources = VOLUME_SOURCE_FIELDS.filter((s) => has(v, s));
    if (sources.length === 0) errs.push(fieldErrors.required(vp, 'must specify a volume type'));
    for (const s of sources.slice(1)) errs.push(fieldErrors.forbidden(vp.child(s), 'may not specify more than 1 volume type'));
    const cm = obj(v, 'configMap');
    if (has(v, 'configMap') && str(cm, 'name') === '') errs.push(fieldErrors.required(vp.child('configMap', 'name'), ''));
    const sec = obj(v, 'secret');
    if (has(v, 'secret') && str(sec, 'secretName') === '') errs.push(fieldErrors.required(vp.child('secret', 'secretName'), ''));
    const pvc = obj(v, 'persistentVolumeClaim');
    if (has(v, 'persistentVolumeClaim') && str(pvc, 'claimName') === '') errs.push(fieldErrors.required(vp.child('persistentVolumeClaim', 'claimName'), ''));
    const hp = obj(v, 'hostPath');
    if (has(v, 'hostPath') && str(hp, 'path') === '') errs.push(fieldErrors.required(vp.child('hostPath', 'path'), ''));
  });
  return { errs, names };
}

/** ValidatePodSpec, at `path` (`spec`, or `spec.template.spec` for templates). */
export function validatePodSpec(spec: unknown, path: FieldPath): FieldError[] {
  if (!isObj(spec)) return [fieldErrors.required(path, '')];
  const { errs, names: volumes } = validateVolumes(spec, path.child('volumes'));
  const containers = arr(spec, 'containers');
  if (containers.length === 0) errs.push(fieldErrors.required(path.child('containers'), ''));
  const seen = new Set<string>();
  const checkList = (key: string, init: boolean) =>
    arr(spec, key).forEach((c, i) => {
      const cp = path.child(key).index(i);
      if (!isObj(c)) return;
      errs.push(...validateContainer(c, cp, volumes, init));
      const n = str(c, 'name');
      if (n !== '') {
        // Names are unique across init and app containers (they share the pod's namespace of names).
        if (seen.has(n)) errs.push(fieldErrors.duplicate(cp.child('name'), n));
        seen.add(n);
      }
    });
  checkList('initContainers', true);
  checkList('containers', false);
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, path.child('restartPolicy'), true));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, path.child('dnsPolicy'), true));
  errs.push(...validateNonnegative(num(spec, 'terminationGracePeriodSeconds'), path.child('terminationGracePeriodSeconds')));
  const ads = num(spec, 'activeDeadlineSeconds');
  if (ads !== undefined && ads <= 0) errs.push(fieldErrors.invalid(path.child('activeDeadlineSeconds'), ads, 'must be between 1 and 2147483647, inclusive'));
  for (const f of ['serviceAccountName', 'nodeName']) {
    const v = str(spec, f);
    if (v !== '') for (const m of isDNS1123Subdomain(v)) errs.push(fieldErrors.invalid(path.child(f), v, m));
  }
  const hostname = str(spec, 'hostname');
  if (hostname !== '') for (const m of isDNS1123Label(hostname)) errs.push(fieldErrors.invalid(path.child('hostname'), hostname, m));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  arr(spec, 'tolerations').forEach((t, i) => errs.push(...validateToleration(t, path.child('tolerations').index(i))));
  return errs;
}

/** validateTolerations: Exists takes no value; an empty key needs Exists; effect enum. */
function validateToleration(t: unknown, path: FieldPath): FieldError[] {
  if (!isObj(t)) return [];
  const errs: FieldError[] = [];
  const op = t.operator === undefined || t.operator === '' ? 'Equal' : t.operator;
  if (str(t, 'key') === '' && op !== 'Exists') errs.push(fieldErrors.invalid(path.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  if (op === 'Exists' && str(t, 'value') !== '') errs.push(fieldErrors.invalid(path.child('operator'), t.value, 'value must be empty when `operator` is \'Exists\''));
  if (op !== 'Equal' && op !== 'Exists') errs.push(fieldErrors.notSupported(path.child('operator'), op, ['Equal', 'Exists']));
  errs.push(...validateEnum(t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], path.child('effect')));
  if (has(t, 'tolerationSeconds') && t.effect !== 'NoExecute') {
    errs.push(fieldErrors.invalid(path.child('effect'), t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations, then the pod spec. */
export function validatePodTemplateSpec(template: unknown, path: FieldPath): FieldError[] {
  if (!isObj(template)) return [fieldErrors.required(path, '')];
  const meta = obj(template, 'metadata');
  return [
    ...validateLabels(meta.labels, path.child('metadata', 'labels')),
    ...validateAnnotations(meta.annotations, path.child('metadata', 'annotations')),
    ...validatePodSpec(template.spec, path.child('spec')),
  ];
}

export function validatePod(pod: Obj): FieldError[] {
  return validatePodSpec(pod.spec, FieldPath.root('spec'));
}

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * ValidatePodUpdate: the spec is immutable except container images, activeDeadlineSeconds (set
 * or shortened), tolerations (additions only) and terminationGracePeriodSeconds (negative → 1).
 * Anything else: `spec: Forbidden: pod updates may not change fields other than ...`.
 */
export function validatePodUpdate(pod: Obj, old: Obj): FieldError[] {
  const errs = validatePod(pod);
  const ns = structuredClone(obj(pod, 'spec'));
  const os = structuredClone(obj(old, 'spec'));
  // Blank out what may change, then compare the rest.
  for (const key of ['containers', 'initContainers']) {
    const nc = arr(ns, key);
    const oc = arr(os, key);
    if (nc.length === oc.length) nc.forEach((c, i) => isObj(c) && isObj(oc[i]) && (c.image = (oc[i] as Obj).image));
  }
  const nads = num(ns, 'activeDeadlineSeconds');
  const oads = num(os, 'activeDeadlineSeconds');
  if (nads !== undefined && (oads === undefined || nads <= oads)) ns.activeDeadlineSeconds = os.activeDeadlineSeconds;
  const nt = arr(ns, 'tolerations');
  const ot = arr(os, 'tolerations');
  if (ot.every((t) => nt.some((x) => jsonEqual(x, t)))) ns.tolerations = os.tolerations;
  const ogp = num(os, 'terminationGracePeriodSeconds');
  if (ogp !== undefined && ogp < 0 && num(ns, 'terminationGracePeriodSeconds') === 1) ns.terminationGracePeriodSeconds = ogp;
  if (!jsonEqual(ns, os)) errs.push(fieldErrors.forbidden('spec', POD_UPDATE_FORBIDDEN));
  return errs;
}
