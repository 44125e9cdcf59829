/**
 * JSON patch (RFC 6902), served for `Content-Type: application/json-patch+json`
 * (`kubectl patch --type=json`).
 *
 * A patch is an array of operations applied in order to one document; the result is all of them
 * or none (we work on a deep copy, so a failing operation leaves nothing half-done and the input
 * is never touched).
 *
 *   add      set a member, insert into an array at an index (shifting the rest), or append at `-`
 *   remove   delete a member / array element that must exist
 *   replace  overwrite a value that must exist
 *   move     remove at `from`, add at `path` (`from` may not be a proper prefix of `path`)
 *   copy     add a deep copy of the value at `from`
 *   test     fail the whole patch unless the value at `path` equals `value` (JSON equality)
 *
 * Worked example, on `{"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}`:
 *   [{"op":"test","path":"/spec/containers/0/name","value":"web"},
 *    {"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.27"},
 *    {"op":"add","path":"/spec/containers/-","value":{"name":"log","image":"busybox"}}]
 * checks it patches the container it means to, bumps the image, and appends a sidecar.
 *
 * Errors follow the upstream apiserver (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
 * patch.go, which uses github.com/evanphx/json-patch): a body that does not decode as a list of
 * operations → 400; more than 10,000 operations → 413; an operation that does not apply → 422
 * Invalid (the detail, worded like evanphx/json-patch's, travels in details.causes — see
 * errors.ts). Array indices follow RFC 6901 strictly: no leading zeros, no negative indices
 * (evanphx/json-patch also accepts `-1`-style indices; we do not).
 *
 * The result may be any JSON value (`replace` at `""` can swap the whole document); the caller
 * rejects a result that is not an object of the right kind, as upstream's decode step does.
 */
import { StatusError } from '../../api/errors.ts';
import { MAX_JSON_PATCH_OPERATIONS, patchBadRequest, patchUnprocessable, tooManyOperations } from './errors.ts';
import { parseArrayIndex, parsePointer } from './json-pointer.ts';
import { deepClone, deepEqual, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.ts';

/** Go's name for a JSON value's kind in `json: cannot unmarshal <kind> into Go value ...`. */
function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

export function jsonPatch(original: unknown, patch: unknown): unknown {
  // jsonpatch.DecodePatch: the body must decode as []Operation, each a JSON object.
  if (!Array.isArray(patch)) {
    throw patchBadRequest(
      patch === null ? 'json: cannot unmarshal null into Go value of type jsonpatch.Patch' : `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`,
    );
  }
  for (const op of patch) {
    if (op !== null && !isJsonObject(op)) {
      throw patchBadRequest(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) throw tooManyOperations(patch.length);

  const doc = new Document(deepClone(original));
  for (const op of patch as Array<JsonObject | null>) applyOperation(doc, op ?? {});
  return doc.root;
}

/** Where a pointer lands: the container holding it and the token naming it (root: no parent). */
type Location = { parent: undefined } | { parent: JsonObject | unknown[]; token: string };

class Document {
  constructor(public root: unknown) {}

  /** The location of `tokens`, or undefined when some ancestor does not exist. */
  locate(tokens: string[]): Location | undefined {
    if (tokens.length === 0) return { parent: undefined };
    let cur: unknown = this.root;
    for (const t of tokens.slice(0, -1)) {
      const next = child(cur, t);
      if (next === undefined) return undefined;
      cur = next.value;
    }
    if (!Array.isArray(cur) && !isJsonObject(cur)) return undefined;
    return { parent: cur, token: tokens[tokens.length - 1] as string };
  }

  /** The value at `tokens`, wrapped so that a stored `null` is told apart from "missing". */
  get(tokens: string[]): { value: unknown } | undefined {
    const loc = this.locate(tokens);
    if (!loc) return undefined;
    if (loc.parent === undefined) return { value: this.root };
    return child(loc.parent, loc.token);
  }
}

/** The member or element named by `token`, if `container` has it. */
function child(container: unknown, token: string): { value: unknown } | undefined {
  if (Array.isArray(container)) {
    const i = parseArrayIndex(token);
    return i !== undefined && i < container.length ? { value: container[i] } : undefined;
  }
  if (isJsonObject(container) && hasOwn(container, token)) return { value: container[token] };
  return undefined;
}

function fail(detail: string): StatusError {
  return patchUnprocessable(detail);
}

function stringField(op: JsonObject, field: 'path' | 'from', kind: string): string {
  const v = getOwn(op, field);
  if (typeof v !== 'string') throw fail(`${kind} operation failed to decode ${field}: missing value`);
  return v;
}

function valueField(op: JsonObject, kind: string): unknown {
  if (!hasOwn(op, 'value')) throw fail(`${kind} operation has no value: missing value`);
  return op.value;
}

function applyOperation(doc: Document, op: JsonObject): void {
  const kind = getOwn(op, 'op');
  switch (kind) {
    case 'add': {
      const path = stringField(op, 'path', kind);
      add(doc, path, deepClone(valueField(op, kind)));
      return;
    }
    case 'remove': {
      const path = stringField(op, 'path', kind);
      remove(doc, path, kind);
      return;
    }
    case 'replace': {
      const path = stringField(op, 'path', kind);
      const value = deepClone(valueField(op, kind));
      const loc = locateExisting(doc, path, `replace operation does not apply: doc is missing key: ${path}: missing value`);
      if (loc.parent === undefined) doc.root = value;
      else if (Array.isArray(loc.parent)) loc.parent[parseArrayIndex(loc.token) as number] = value;
      else setOwn(loc.parent, loc.token, value);
      return;
    }
    case 'move': {
      const from = stringField(op, 'from', kind);
      const path = stringField(op, 'path', kind);
      const got = getAt(doc, from, `move operation does not apply: doc is missing from path: ${from}: missing value`);
      if (from === path) return;
      // RFC 6902 §4.4: a location cannot be moved into one of its own children.
      if (path.startsWith(from + '/')) throw fail(`move operation does not apply: from path ${from} is a prefix of path ${path}`);
      remove(doc, from, kind);
      add(doc, path, got);
      return;
    }
    case 'copy': {
      const from = stringField(op, 'from', kind);
      const path = stringField(op, 'path', kind);
      const got = getAt(doc, from, `copy operation does not apply: doc is missing from path: ${from}: missing value`);
      add(doc, path, deepClone(got));
      return;
    }
    case 'test': {
      const path = stringField(op, 'path', kind);
      const expected = valueField(op, kind);
      const got = getAt(doc, path, `test operation does not apply: is missing path: ${path}: missing value`);
      if (!deepEqual(got, expected)) throw fail(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      throw fail(`Unexpected kind: ${typeof kind === 'string' ? kind : 'unknown'}`);
  }
}

function getAt(doc: Document, pointer: string, missing: string): unknown {
  const tokens = parsePointer(pointer);
  const got = tokens && doc.get(tokens);
  if (!got) throw fail(missing);
  return got.value;
}

/** The location of a value that must already exist (replace, remove). */
function locateExisting(doc: Document, pointer: string, missing: string): Location {
  const tokens = parsePointer(pointer);
  const loc = tokens && doc.locate(tokens);
  if (!loc || (loc.parent !== undefined && !child(loc.parent, loc.token))) throw fail(missing);
  return loc;
}

function add(doc: Document, path: string, value: unknown): void {
  const tokens = parsePointer(path);
  const loc = tokens && doc.locate(tokens);
  if (!loc) throw fail(`add operation does not apply: doc is missing path: "${path}": missing value`);
  if (loc.parent === undefined) {
    doc.root = value;
  } else if (Array.isArray(loc.parent)) {
    const i = loc.token === '-' ? loc.parent.length : parseArrayIndex(loc.token);
    if (i === undefined || i > loc.parent.length) throw fail(`Unable to access invalid index: ${loc.token}: invalid index referenced`);
    loc.parent.splice(i, 0, value);
  } else {
    setOwn(loc.parent, loc.token, value);
  }
}

function remove(doc: Document, path: string, kind: string): void {
  const loc = locateExisting(doc, path, `${kind} operation does not apply: doc is missing path: "${path}": missing value`);
  if (loc.parent === undefined) throw fail(`${kind} operation does not apply: cannot remove the whole document`);
  if (Array.isArray(loc.parent)) loc.parent.splice(parseArrayIndex(loc.token) as number, 1);
  else delete loc.parent[loc.token];
}
