/**
 * Reference `ingress.path`: Ingress path types and precedence. See engine/ingress/path-match.ts
 * for the contract and its worked example; upstream website concepts/services-networking/
 * ingress.md ("Examples" table, "Multiple matches").
 */
import type { IngressPathPart, IngressPathType, PathCandidate } from '../../engine/ingress/path-match.ts';

/** `/aaa//bbb/` → ['aaa', 'bbb']: the path's elements; empty ones (and so trailing slashes) vanish. */
function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/** ImplementationSpecific's empty path means `/` (the API allows omitting it only for that type). */
function normalized(path: string | undefined): string {
  return path === undefined || path === '' ? '/' : path;
}

export function matchPath(pathType: IngressPathType, path: string | undefined, requestPath: string): boolean {
  const p = normalized(path);
  // Exact is a plain string comparison: `/foo` and `/foo/` are different requests.
  if (pathType === 'Exact') return requestPath === p;
  // Prefix (and ImplementationSpecific, which this controller treats as Prefix) compares whole
  // elements: comparing characters would let `/aaa/bbb` match `/aaa/bbbxyz`, which the
  // documentation's example table says it must not.
  const want = elements(p);
  const got = elements(requestPath);
  if (want.length > got.length) return false;
  return want.every((e, i) => e === got[i]);
}

/**
 * The length a match is ranked by: Prefix `/foo/` and `/foo` match exactly the same requests, so
 * they rank the same — without the trailing slash. Exact keeps its path as written.
 */
function rank(c: PathCandidate): number {
  const p = normalized(c.path);
  if (c.pathType === 'Exact') return p.length;
  const trimmed = p.replace(/\/+$/, '');
  return trimmed.length;
}

export function selectPath(candidates: readonly PathCandidate[], requestPath: string): number {
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!matchPath(c.pathType, c.path, requestPath)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = candidates[best]!;
    const byLength = rank(c) - rank(b);
    // Longest path first; on a tie Exact beats Prefix; on a full tie the earlier one (the oldest
    // Ingress's) keeps its place — strictly greater, never greater-or-equal.
    if (byLength > 0 || (byLength === 0 && c.pathType === 'Exact' && b.pathType !== 'Exact')) best = i;
  }
  return best;
}

export const ingressPath: IngressPathPart = { matchPath, selectPath };
