/**
 * POST pods/<name>/binding (upstream: pkg/registry/core/pod/storage BindingREST): how the
 * scheduler assigns a pod to a node. In one guarded update of the pod it sets spec.nodeName,
 * merges the binding's annotations and sets the PodScheduled=True condition.
 *
 * A pod is bound once: binding a pod that already has a node is 409 Conflict on pods/binding
 * (`pod web is already assigned to node "n1"`), as is binding a pod that is being deleted.
 * The binding's uid/resourceVersion, when given, are preconditions on the pod.
 */
import { newBadRequest, newConflict, newInvalid, newNotFound, successStatus } from '../../api/errors.ts';
import { fieldErrors, type FieldError } from '../../api/field-errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { WriteOptions } from '../types.ts';
import { deepClone } from '../registry/codec.ts';
import { nowRfc3339 } from '../registry/names.ts';
import { admissionAttributes, reject, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import type { WriteOutcome } from './create.ts';
import { guaranteedUpdate } from './guaranteed-update.ts';
import { metaOf } from '../registry/meta.ts';

interface Binding extends KubeObject {
  target?: { kind?: string; name?: string; apiVersion?: string };
}

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** validation.ValidatePodBinding */
function validateBinding(b: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind;
  if (kind && kind !== 'Node') errs.push(fieldErrors.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(fieldErrors.required('target.name', ''));
  return errs;
}

/** podutil.UpdatePodCondition: replace the condition of that type; the transition time moves only when the status changes. */
export function setPodCondition(pod: KubeObject, cond: PodCondition, now: string): void {
  const status = (pod.status ??= {}) as { conditions?: PodCondition[] };
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    conditions.push({ ...cond, lastProbeTime: null, lastTransitionTime: now });
    return;
  }
  const old = conditions[i] as PodCondition;
  conditions[i] = { ...old, ...cond, lastTransitionTime: old.status === cond.status ? old.lastTransitionTime : now };
}

export async function bindingHandler(ctx: ServerContext, req: Request, body: unknown, options: WriteOptions): Promise<WriteOutcome> {
  void options;
  const binding = decodeBody(ctx, req, body, { kind: 'Binding', apiVersion: 'v1' }) as Binding;
  const name = req.name || binding.metadata?.name || '';
  if (binding.metadata?.name !== name) throw newBadRequest('name in URL does not match name in Binding object');
  const errs = validateBinding(binding);
  if (errs.length) throw newInvalid({ group: '', kind: 'Binding' }, name, errs);
  const podReq: Request = { ...req, name };
  reject(ctx.admission.admit(admissionAttributes(podReq, 'CREATE', { name, object: binding, kind: 'Binding' })));
  reject(ctx.admission.validate(admissionAttributes(podReq, 'CREATE', { name, object: binding, kind: 'Binding' })));

  const node = binding.target?.name as string;
  const uid = binding.metadata?.uid;
  const rv = binding.metadata?.resourceVersion;
  const out = await guaranteedUpdate(ctx, podReq, (current) => {
    if (!current) throw newNotFound({ group: '', resource: 'pods' }, name);
    const pod = deepClone(current.obj);
    const meta = metaOf(pod);
    if (uid && uid !== meta.uid) throw newConflict({ group: '', resource: 'pods' }, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${meta.uid ?? ''}`);
    if (rv && rv !== meta.resourceVersion) throw newConflict({ group: '', resource: 'pods' }, name, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`);
    const spec = (pod.spec ??= {}) as { nodeName?: string; schedulingGates?: unknown[] };
    const gr = { group: '', resource: 'pods/binding' };
    if (meta.deletionTimestamp) throw newConflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (spec.nodeName) throw newConflict(gr, name, `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`);
    if (spec.schedulingGates?.length) throw newConflict(gr, name, `pod ${name} has non-empty .spec.schedulingGates`);
    spec.nodeName = node;
    const annotations = binding.metadata?.annotations;
    if (annotations && Object.keys(annotations).length) meta.annotations = { ...(meta.annotations ?? {}), ...annotations };
    setPodCondition(pod, { type: 'PodScheduled', status: 'True' }, nowRfc3339(ctx.clock));
    return { put: pod };
  });
  const status = successStatus();
  status.code = 201;
  return { obj: status as unknown as KubeObject, code: 201, revision: out.revision };
}
