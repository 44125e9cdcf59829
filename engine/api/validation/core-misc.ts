/**
 * The smaller core/v1 kinds: Namespace, Node, PersistentVolume, PersistentVolumeClaim, Event,
 * ServiceAccount, Endpoints (KK pkg/apis/core/validation/validation.go). Object names are the
 * ObjectMeta part's job; these check the obvious spec rules.
 */
import { fieldErrors, FieldPath, type FieldError } from '../field-errors.ts';
import { parseQuantity } from '../quantity.ts';
import { PROTOCOLS } from './pod.ts';
import { arr, has, isCIDR, isIP, isObj, jsonEqual, num, obj, str, validateEnum, type Obj } from './helpers.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, isValidPortNum } from './names.ts';

const SPEC = FieldPath.root('spec');

/** spec.finalizers are qualified names (validateFinalizerName). */
export function validateNamespace(ns: Obj): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj(ns, 'spec'), 'finalizers').forEach((f, i) => {
    const v = typeof f === 'string' ? f : '';
    for (const m of isQualifiedName(v)) errs.push(fieldErrors.invalid(SPEC.child('finalizers').index(i), f, m));
  });
  errs.push(...validateEnum(obj(ns, 'status').phase, ['Active', 'Terminating'], FieldPath.root('status').child('phase')));
  return errs;
}

export function validateNamespaceUpdate(n: Obj, o: Obj): FieldError[] {
  void o;
  return validateNamespace(n);
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Taints: qualified-name key, label-value value, effect required and known, no duplicate key+effect. */
export function validateNode(node: Obj): FieldError[] {
  const s = obj(node, 'spec');
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(s, 'taints').forEach((t, i) => {
    const tp = SPEC.child('taints').index(i);
    if (!isObj(t)) return;
    const key = str(t, 'key');
    if (key === '') errs.push(fieldErrors.required(tp.child('key'), ''));
    else for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(tp.child('key'), key, m));
    for (const m of isValidLabelValue(str(t, 'value'))) errs.push(fieldErrors.invalid(tp.child('value'), t.value, m));
    errs.push(...validateEnum(t.effect, TAINT_EFFECTS, tp.child('effect'), true));
    const id = `${key}:${String(t.effect)}`;
    if (seen.has(id)) errs.push(fieldErrors.duplicate(tp, new TaintText(key, String(t.effect))));
    seen.add(id);
  });
  const cidr = str(s, 'podCIDR');
  if (cidr !== '' && !isCIDR(cidr)) errs.push(fieldErrors.invalid(SPEC.child('podCIDR'), cidr, 'must be a valid CIDR'));
  for (const [k, v] of Object.entries(obj(obj(node, 'status'), 'capacity'))) {
    const q = parseQuantity(v);
    if (q !== undefined && q < 0) errs.push(fieldErrors.invalid(FieldPath.root('status').child('capacity').key(k), v, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** `{"key":"k","effect":"NoSchedule"}`-ish text for duplicate taints. */
class TaintText {
  constructor(readonly key: string, readonly effect: string) {}
  toJSON() {
    return `${this.key}:${this.effect}`;
  }
}

export function validateNodeUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validateNode(n);
  const op = str(obj(o, 'spec'), 'podCIDR');
  if (op !== '' && str(obj(n, 'spec'), 'podCIDR') !== op) errs.push(fieldErrors.forbidden(SPEC.child('podCIDR'), 'node updates may not change podCIDR except from "" to valid'));
  return errs;
}

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
const PV_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'cinder', 'glusterfs', 'flexVolume', 'vsphereVolume', 'portworxVolume', 'scaleIO', 'storageos', 'quobyte', 'photonPersistentDisk', 'flocker'];

function validateAccessModes(modes: unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (modes.length === 0) errs.push(fieldErrors.required(path, ''));
  for (const m of modes) if (typeof m !== 'string' || !(ACCESS_MODES as readonly string[]).includes(m)) errs.push(fieldErrors.notSupported(path, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(fieldErrors.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolume(pv: Obj): FieldError[] {
  const s = obj(pv, 'spec');
  const errs: FieldError[] = [];
  errs.push(...validateAccessModes(arr(s, 'accessModes'), SPEC.child('accessModes')));
  const cap = obj(s, 'capacity');
  if (!has(s, 'capacity')) errs.push(fieldErrors.required(SPEC.child('capacity'), ''));
  else if (!has(cap, 'storage') || Object.keys(cap).length !== 1) errs.push(fieldErrors.notSupported(SPEC.child('capacity'), Object.keys(cap), ['storage']));
  else {
    const q = parseQuantity(cap.storage);
    if (q === undefined || q <= 0) errs.push(fieldErrors.invalid(SPEC.child('capacity', 'storage'), cap.storage, 'must be greater than zero'));
  }
  errs.push(...validateEnum(s.persistentVolumeReclaimPolicy, ['Recycle', 'Delete', 'Retain'], SPEC.child('persistentVolumeReclaimPolicy')));
  errs.push(...validateEnum(s.volumeMode, ['Block', 'Filesystem'], SPEC.child('volumeMode')));
  const sources = PV_SOURCES.filter((k) => has(s, k));
  if (sources.length === 0) errs.push(fieldErrors.required(SPEC, 'must specify a volume type'));
  for (const k of sources.slice(1)) errs.push(fieldErrors.forbidden(SPEC.child(k), 'may not specify more than 1 volume type'));
  if (has(s, 'hostPath') && str(obj(s, 'hostPath'), 'path') === '') errs.push(fieldErrors.required(SPEC.child('hostPath', 'path'), ''));
  return errs;
}

export function validatePersistentVolumeUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validatePersistentVolume(n);
  const nv = obj(n, 'spec').volumeMode;
  const ov = obj(o, 'spec').volumeMode;
  if (nv !== ov && ov !== undefined) errs.push(fieldErrors.invalid(SPEC.child('volumeMode'), nv, 'field is immutable'));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: Obj): FieldError[] {
  const s = obj(pvc, 'spec');
  const errs: FieldError[] = [];
  const modes = arr(s, 'accessModes');
  if (modes.length === 0) errs.push(fieldErrors.required(SPEC.child('accessModes'), 'at least 1 access mode is required'));
  else errs.push(...validateAccessModes(modes, SPEC.child('accessModes')));
  const storage = obj(obj(s, 'resources'), 'requests').storage;
  if (storage === undefined) errs.push(fieldErrors.required(SPEC.child('resources').key('storage'), ''));
  else {
    const q = parseQuantity(storage);
    if (q === undefined || q <= 0) errs.push(fieldErrors.invalid(SPEC.child('resources').key('storage'), storage, 'must be greater than zero'));
  }
  errs.push(...validateEnum(s.volumeMode, ['Block', 'Filesystem'], SPEC.child('volumeMode')));
  return errs;
}

/**
 * After creation the claim's spec is immutable except resources.requests (expansion) — and the
 * binder setting volumeName once (from '' to a PV name), and storageClassName set once on a
 * claim that had none (retroactive default class).
 */
export function validatePersistentVolumeClaimUpdate(n: Obj, o: Obj): FieldError[] {
  const errs = validatePersistentVolumeClaim(n);
  const ns = structuredClone(obj(n, 'spec'));
  const os = structuredClone(obj(o, 'spec'));
  for (const s of [ns, os]) {
    if (isObj(s.resources)) delete (s.resources as Obj).requests;
    delete s.volumeAttributesClassName;
  }
  if (str(os, 'volumeName') === '') {
    delete ns.volumeName;
    delete os.volumeName;
  }
  // Retroactive default StorageClass (GA 1.28): a claim created with no class at all may be
  // given one, once (the PV controller does it when a default class exists).
  if (os.storageClassName === undefined || os.storageClassName === null) {
    delete ns.storageClassName;
    delete os.storageClassName;
  }
  if (!jsonEqual(ns, os)) errs.push(fieldErrors.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  return errs;
}

/** An event's involvedObject must live in the event's namespace; type Normal or Warning. */
export function validateEvent(ev: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(obj(ev, 'metadata'), 'namespace');
  const ions = str(obj(ev, 'involvedObject'), 'namespace');
  if (ions !== '' && ns !== '' && ions !== ns && ns !== 'default') {
    errs.push(fieldErrors.invalid(FieldPath.root('involvedObject').child('namespace'), ions, 'does not match event.namespace'));
  }
  errs.push(...validateEnum(ev.type, ['Normal', 'Warning'], FieldPath.root('type')));
  const count = num(ev, 'count');
  if (count !== undefined && count < 0) errs.push(fieldErrors.invalid('count', count, 'must be greater than or equal to 0'));
  return errs;
}

export function validateServiceAccount(sa: Obj): FieldError[] {
  const errs: FieldError[] = [];
  arr(sa, 'secrets').forEach((s, i) => {
    if (str(s, 'name') === '') errs.push(fieldErrors.required(FieldPath.root('secrets').index(i).child('name'), ''));
  });
  return errs;
}

/** Endpoints: subsets of addresses (IPs) and ports (1–65535, known protocol, names when several). */
export function validateEndpoints(ep: Obj): FieldError[] {
  const errs: FieldError[] = [];
  arr(ep, 'subsets').forEach((ss, i) => {
    const sp = FieldPath.root('subsets').index(i);
    for (const key of ['addresses', 'notReadyAddresses']) {
      arr(ss, key).forEach((a, j) => {
        const ip = str(a, 'ip');
        if (!isIP(ip)) errs.push(fieldErrors.invalid(sp.child(key).index(j).child('ip'), ip, 'must be a valid IP address'));
      });
    }
    const ports = arr(ss, 'ports');
    ports.forEach((p, j) => {
      const pp = sp.child('ports').index(j);
      const name = str(p, 'name');
      if (ports.length > 1 && name === '') errs.push(fieldErrors.required(pp.child('name'), ''));
      if (name !== '') for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(pp.child('name'), name, m));
      const port = num(p, 'port');
      if (port === undefined) errs.push(fieldErrors.required(pp.child('port'), ''));
      else for (const m of isValidPortNum(port)) errs.push(fieldErrors.invalid(pp.child('port'), port, m));
      if (isObj(p)) errs.push(...validateEnum(p.protocol, PROTOCOLS, pp.child('protocol'), true));
    });
  });
  return errs;
}
