/**
 * The Status errors a PATCH can fail with, matching what the upstream apiserver sends back.
 *
 * Sources (kubernetes/kubernetes):
 * - staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
 *   - `jsonPatcher.applyJSPatch`: an undecodable JSON patch → `errors.NewBadRequest(err)` (400);
 *     more than 10,000 operations → `NewRequestEntityTooLargeError` (413); an operation that does
 *     not apply (failed `test`, missing path, ...) → `NewGenericServerResponse(422, ...)`; a merge
 *     patch that is not a JSON object → `jsonpatch.ErrBadJSONPatch` → 400 "Invalid JSON Patch".
 *   - `strategicPatchObject`: a patch body that is not a JSON object → 400 with the json error.
 *   - `interpretStrategicMergePatchError`: the mergepatch format errors → 400; lists of lists and
 *     retainKeys mismatches → 422; every other error is returned as is, which the handler turns
 *     into a 500 whose reason is empty (responsewriters `ErrorToAPIStatus`, StatusReasonUnknown).
 * - staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go `NewGenericServerResponse`: a 422
 *   carries reason Invalid and the fixed message "the server rejected our request due to an error
 *   in our request"; the detail is dropped.
 *
 * One deliberate addition: where upstream drops the detail of a 422, we keep it as the single
 * `details.causes[0].message`, so a learner (and kubectl, which prints causes) sees *why* the
 * patch did not apply. Code, reason and message are upstream's.
 */
import { newBadRequest, newRequestEntityTooLarge, StatusError } from '../../api/errors.ts';

/** 400 BadRequest with the given message. */
export function patchBadRequest(message: string): StatusError {
  return newBadRequest(message);
}

export const GENERIC_422_MESSAGE = 'the server rejected our request due to an error in our request';

/** 422 Invalid as `NewGenericServerResponse(http.StatusUnprocessableEntity, ...)` builds it. */
export function patchUnprocessable(detail: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: GENERIC_422_MESSAGE,
    reason: 'Invalid',
    details: { causes: [{ message: detail }] },
    code: 422,
  });
}

/**
 * 500 with no reason: what the apiserver answers when the strategic merge code returns a plain Go
 * error (an unknown `$patch` directive, a missing merge key, mixed element types, ...).
 */
export function patchServerError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

/** The most operations one JSON patch may carry (patch.go `maxJSONPatchOperations`). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** 413: `Request entity too large: The allowed maximum operations in a JSON patch is 10000, got N` */
export function tooManyOperations(got: number): StatusError {
  return newRequestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${got}`);
}

/**
 * The sentinel errors of k8s.io/apimachinery/pkg/util/mergepatch/errors.go, with the HTTP status
 * `interpretStrategicMergePatchError` maps each one to.
 */
export const smpErrors = {
  badPatchFormatForPrimitiveList: () => patchBadRequest('invalid patch format of primitive list'),
  badPatchFormatForRetainKeys: () => patchBadRequest('invalid patch format of retainKeys'),
  badPatchFormatForSetElementOrderList: () => patchBadRequest('invalid patch format of setElementOrder list'),
  noListOfLists: () => patchUnprocessable('lists of lists are not supported'),
  /** mergepatch.ErrBadArgType: `expected a []interface {}, but received a string` (500). */
  badArgType: (expected: string, actual: string) => patchServerError(`expected a ${expected}, but received a ${actual}`),
  /** mergepatch.ErrNoMergeKey (500). */
  noMergeKey: (m: string, key: string) => patchServerError(`map: ${m} does not contain declared merge key: ${key}`),
  /** mergepatch.ErrBadPatchType (500). */
  badPatchType: (t: string, m: string) => patchServerError(`unknown patch type: ${t} in map: ${m}`),
  /** strategicpatch `validatePatchWithSetOrderList` (500). */
  listOrderMismatch: (patchList: string, order: string) =>
    patchServerError(`the order in patch list:\n${patchList}\n doesn't match $setElementOrder list:\n${order}`),
};
