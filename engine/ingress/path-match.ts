/**
 * The `ingress.path` part: does an Ingress path match a request path, and which of several
 * matching paths wins — website concepts/services-networking/ingress.md ("Path types",
 * "Examples", "Multiple matches") and the HTTPIngressPath.pathType doc in
 * k8s.io/api/networking/v1/types.go.
 *
 *   matchPath(pathType, path, requestPath)
 *     Exact:   the request path equals `path`, character for character (case-sensitive; a trailing
 *              slash matters: Exact `/foo` does not match `/foo/`).
 *     Prefix:  element-wise on `/`: split both on `/`, drop the empty elements (so a trailing slash
 *              is ignored on either side), and every element of `path` must equal the element of
 *              the request at the same position. `/aaa/bbb` matches `/aaa/bbb`, `/aaa/bbb/` and
 *              `/aaa/bbb/ccc`, NOT `/aaa/bbbxyz` (a string prefix is not an element prefix);
 *              `/aaa/bbb/` matches `/aaa/bbb`; `/` matches everything.
 *     ImplementationSpecific: up to the IngressClass's controller. tinykube's controller treats it
 *              as Prefix (ingress-nginx also falls back to prefix semantics for it when no regex
 *              annotation is set). An empty path (allowed only for this type) means `/`.
 *
 *   selectPath(candidates, requestPath) → the index of the winning candidate, or -1 when none
 *     matches. "Precedence will be given first to the longest matching path. If two paths are
 *     still equally matched, precedence will be given to paths with an exact path type over
 *     prefix path type." The length is the one of the path as matched: for Prefix (and
 *     ImplementationSpecific) without its trailing slash, since `/foo/` and `/foo` match the same
 *     requests. On a complete tie (same length, same kind) the earlier candidate wins: callers
 *     list candidates oldest Ingress first, in the order of their rules and paths — the way
 *     ingress-nginx resolves conflicts (the oldest Ingress wins).
 *
 * Worked example — candidates [0] Prefix `/`, [1] Prefix `/aaa`, [2] Exact `/aaa/bbb`,
 * [3] Prefix `/aaa/bbb/`:
 *   `/ccc`          → 0 (only `/` matches)
 *   `/aaa/ccc`      → 1 (`/aaa` is longer than `/`)
 *   `/aaa/bbbxyz`   → 1 (`/aaa/bbb` is no element prefix of it)
 *   `/aaa/bbb`      → 2 (Exact and Prefix `/aaa/bbb` tie at 8 characters: Exact wins)
 *   `/aaa/bbb/ccc`  → 3
 *   and with no candidate at all, or only Exact `/x` for `/y`: -1 (the default backend's turn).
 *
 * Request paths come without the query string (`/a?b=1` is matched as `/a`).
 */

// #region ingress-path-part
export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One path of an Ingress rule, as the matcher sees it. */
export interface PathCandidate {
  pathType: IngressPathType;
  /** As written in the Ingress (`''` or absent only for ImplementationSpecific: means `/`). */
  path?: string;
}

export interface IngressPathPart {
  /** Whether `requestPath` matches `path` of type `pathType`. */
  matchPath(pathType: IngressPathType, path: string | undefined, requestPath: string): boolean;
  /** The index of the candidate that wins for `requestPath`, or -1 when none matches. */
  selectPath(candidates: readonly PathCandidate[], requestPath: string): number;
}
// #endregion ingress-path-part
