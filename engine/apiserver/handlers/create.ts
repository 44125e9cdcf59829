/**
 * POST: create an object (upstream: handlers/create.go → registry Store.Create → etcd3 store Create).
 *
 *   decode → default → admit → BeforeCreate (prepare, generateName, uid, creationTimestamp)
 *          → validate (422) → validating admission → txn(CREATE(key) == 0) put (409 AlreadyExists)
 *
 * A name made from generateName that happens to exist already is drawn again (upstream's
 * RetryGenerateName), a few times, before giving up with 409.
 */
import { newAlreadyExists, newBadRequest } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { defaultObject } from '../../api/index.ts';
import type { WriteOptions } from '../types.ts';
import { admissionAttributes, keyOf, reject, withLease, type Request, type ServerContext } from './context.ts';
import { decodeBody } from './decode.ts';
import { beforeCreate, validateCreate } from './before.ts';
import { generateName } from '../registry/names.ts';
import { metaOf } from '../registry/meta.ts';
import { allocateClusterIP } from './service-ip.ts';

const GENERATE_NAME_ATTEMPTS = 8;

export interface WriteOutcome {
  obj: KubeObject;
  /** HTTP-style code: 201 created, 200 done, 202 accepted (deletion pending). */
  code: number;
  /** The store revision the write produced (undefined when nothing was written). */
  revision?: number;
}

export async function createHandler(ctx: ServerContext, req: Request, body: unknown, options: WriteOptions): Promise<WriteOutcome> {
  const obj = decodeBody(ctx, req, body, { fieldValidation: options.fieldValidation, requestBody: true });
  if (req.name && obj.metadata?.name !== req.name) {
    throw newBadRequest(`the name of the object (${obj.metadata?.name ?? ''}) does not match the name on the URL (${req.name})`);
  }
  defaultObject(obj);
  return admitAndCreate(ctx, req, obj);
}

/** Everything after decoding and defaulting: shared with create-on-update. */
/** The create chain up to (not including) the store write: admit, prepare, validate, validating admission. */
// #region create-chain
export function prepareCreate(ctx: ServerContext, req: Request, obj: KubeObject): void {
  const meta = metaOf(obj);
  reject(ctx.admission.admit(admissionAttributes(req, 'CREATE', { name: meta.name ?? '', object: obj })));
  beforeCreate(ctx, req, obj);
  validateCreate(ctx, req, obj);
  reject(ctx.admission.validate(admissionAttributes(req, 'CREATE', { name: meta.name ?? '', object: obj })));
}
// #endregion create-chain

export async function admitAndCreate(ctx: ServerContext, req: Request, obj: KubeObject): Promise<WriteOutcome> {
  const meta = metaOf(obj);
  const generated = !meta.name && !!meta.generateName;
  prepareCreate(ctx, req, obj);
  await allocateClusterIP(ctx, req, obj);
  if (req.dryRun) return { obj, code: 201 };

  for (let attempt = 0; ; attempt++) {
    const name = meta.name ?? '';
    const r = await withLease(ctx, req, (lease) => ctx.store.create(keyOf({ ...req, name }, name), obj, lease));
    if (r.ok) {
      if (req.info.plural === 'namespaces' && req.info.group === '') ctx.namespaces.apply(name, r.revision, r.obj);
      return { obj: r.obj, code: 201, revision: r.revision };
    }
    if (!generated || attempt + 1 >= GENERATE_NAME_ATTEMPTS) throw newAlreadyExists({ group: req.info.group, resource: req.info.plural }, name);
    meta.name = generateName(meta.generateName ?? '', ctx.random);
  }
}
