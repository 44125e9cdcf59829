/**
 * JSON merge patch (RFC 7396), served for `Content-Type: application/merge-patch+json`
 * (`kubectl patch --type=merge`).
 *
 * The patch is a partial copy of the object: every member it names is set, a member set to `null`
 * is removed, objects merge recursively, and everything else — arrays included — replaces what was
 * there. There is no way to change one element of a list: you send the whole list. That is the
 * gap strategic merge patch fills.
 *
 *   original {"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"ports":[{"port":80}]}}
 *   patch    {"metadata":{"labels":{"tier":null,"env":"prod"}},"spec":{"ports":[{"port":443}]}}
 *   result   {"metadata":{"labels":{"app":"web","env":"prod"}},"spec":{"ports":[{"port":443}]}}
 *
 * At the top level the apiserver (patch.go `applyJSPatch` → evanphx/json-patch `MergePatch`)
 * answers 400 "Invalid JSON Patch" for a patch that is `null`, a string, a number or a boolean. An
 * array patch replaces the whole document, as RFC 7396 says, and the caller's decode step then
 * rejects the result (422), as upstream's does. Nulls inside arrays are kept, per the RFC
 * (evanphx/json-patch prunes them; an array of nulls is meaningless in a Kubernetes object).
 */
import { patchBadRequest } from './errors.ts';
import { deepClone, getOwn, isJsonObject, setOwn, type JsonObject } from './json-value.ts';

export function mergePatch(original: unknown, patch: unknown): unknown {
  if (patch === null || (typeof patch !== 'object' && !Array.isArray(patch))) {
    throw patchBadRequest('Invalid JSON Patch');
  }
  return mergeInto(deepClone(original), patch);
}

/**
 * RFC 7396 §2 `MergePatch(Target, Patch)`. `target` is our own copy and is updated in place;
 * `patch` is only read (values taken from it are cloned).
 */
function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return deepClone(patch);
  const out: JsonObject = isJsonObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else setOwn(out, key, mergeInto(getOwn(out, key), value));
  }
  return out;
}
