/**
 * Exercise `ingress.path`: Ingress path matching and precedence. Read engine/ingress/path-match.ts
 * for the contract and its worked example.
 */
import type { IngressPathPart, IngressPathType, PathCandidate } from '../../engine/ingress/path-match.ts';

export function matchPath(pathType: IngressPathType, path: string | undefined, requestPath: string): boolean {
  void pathType, path, requestPath;
  // TODO: Exact compares the whole request path with `path`; Prefix (and ImplementationSpecific,
  // treated as Prefix) compares path elements separated by `/`, ignoring a trailing slash; an
  // empty or missing path means `/`.
  throw new Error('TODO: ingress.path matchPath');
}

export function selectPath(candidates: readonly PathCandidate[], requestPath: string): number {
  void candidates, requestPath;
  // TODO: the index of the candidate that matches `requestPath` and wins: the longest path first,
  // Exact before Prefix when the lengths tie, the earlier candidate on a complete tie; -1 when
  // none matches.
  throw new Error('TODO: ingress.path selectPath');
}

export const ingressPath: IngressPathPart = { matchPath, selectPath };
