/**
 * API errors as Kubernetes Status objects, with the reasons, codes and messages of apimachinery's
 * pkg/api/errors/errors.go. The apiserver rejects with a StatusError; the client rethrows the
 * same; the HTTP layer serialises `status` as the response body.
 */
import { fieldErrorBody, fieldErrorString, type FieldError } from './field-errors.ts';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | '';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** Identifies a resource for messages: `pods`, or `deployments.apps` when the group is not core. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** Identifies a kind for Invalid messages: `Pod`, or `Deployment.apps`. */
export interface GroupKind {
  group: string;
  kind: string;
}

const qualified = (name: string, group: string) => (group ? `${name}.${group}` : name);

export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason | undefined {
    return this.status.reason;
  }
}

export function isStatusError(err: unknown, reason?: StatusReason): err is StatusError {
  return err instanceof StatusError && (reason === undefined || err.status.reason === reason);
}

export const isNotFound = (err: unknown) => isStatusError(err, 'NotFound');
export const isAlreadyExists = (err: unknown) => isStatusError(err, 'AlreadyExists');
export const isConflict = (err: unknown) => isStatusError(err, 'Conflict');
export const isInvalid = (err: unknown) => isStatusError(err, 'Invalid');
/** True for 410 Gone / Expired: a watch or list resourceVersion that was compacted away. */
export const isResourceExpired = (err: unknown) => isStatusError(err, 'Expired') || isStatusError(err, 'Gone');

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new StatusError(status);
}

export function successStatus(details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

/** 404: `pods "web" not found` */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${qualified(gr.resource, gr.group)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });
}

/** 409: `pods "web" already exists` */
export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualified(gr.resource, gr.group)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });
}

export const CONFLICT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409: `Operation cannot be fulfilled on pods "web": the object has been modified; ...` */
export function newConflict(gr: GroupResource, name: string, detail: string = CONFLICT_MODIFIED): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr.resource, gr.group)} "${name}": ${detail}`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

/**
 * 422: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than
 * or equal to 0`; several errors are listed in brackets, comma-separated.
 */
export function newInvalid(gk: GroupKind, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  let msg: string;
  if (errs.length === 0) msg = `${qualified(gk.kind, gk.group)} "${name}" is invalid`;
  else if (errs.length === 1) msg = `${qualified(gk.kind, gk.group)} "${name}" is invalid: ${fieldErrorString(errs[0] as FieldError)}`;
  else msg = `${qualified(gk.kind, gk.group)} "${name}" is invalid: [${errs.map(fieldErrorString).join(', ')}]`;
  return failure(422, 'Invalid', msg, { name, group: gk.group || undefined, kind: gk.kind, causes });
}

/** 400 */
export function newBadRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** 401 */
export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return failure(401, 'Unauthorized', message);
}

/** 403: `pods "web" is forbidden: <detail>` (or `pods is forbidden: ...` without a name). */
export function newForbidden(gr: GroupResource, name: string, detail: string): StatusError {
  const what = name ? `${qualified(gr.resource, gr.group)} "${name}"` : qualified(gr.resource, gr.group);
  return failure(403, 'Forbidden', `${what} is forbidden: ${detail}`, { name: name || undefined, group: gr.group || undefined, kind: gr.resource });
}

/** 405 */
export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualified(gr.resource, gr.group)}"`, {
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

/** 410 Expired: the requested resourceVersion was compacted (`too old resource version: 5 (120)`). */
export function newResourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

/** 410 Gone */
export function newGone(message: string): StatusError {
  return failure(410, 'Gone', message);
}

/** 413: the request body is over the limit (3 MiB for the apiserver). */
export function newRequestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** 415 */
export function newUnsupportedMediaType(contentType: string): StatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`, {
    causes: [{ reason: 'UnsupportedMediaType', message: contentType }],
  });
}

/** 429 */
export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** 500: `Internal error occurred: <detail>` */
export function newInternalError(detail: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${detail}`, { causes: [{ message: detail }] });
}

/** 503 */
export function newServiceUnavailable(message: string): StatusError {
  return failure(503, 'ServiceUnavailable', message);
}

/** 504 */
export function newTimeout(message: string, retryAfterSeconds = 0): StatusError {
  return failure(504, 'Timeout', message, { retryAfterSeconds });
}

/** 404 for a path or resource the server does not serve (upstream's NotFound handler body). */
export function newResourceNotFound(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}
