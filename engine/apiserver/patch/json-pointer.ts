/**
 * JSON Pointer (RFC 6901), the path language of JSON patch.
 *
 * `""` is the whole document; every other pointer starts with `/` and names one reference token
 * per segment. Inside a token `~1` stands for `/` and `~0` for `~` (decoded in that order, so
 * `~01` is the literal `~1`). A `~` followed by anything else makes the pointer malformed.
 *
 *   parsePointer('/metadata/labels/app.kubernetes.io~1name') → ['metadata', 'labels', 'app.kubernetes.io/name']
 *   parsePointer('/a~0b')  → ['a~b']
 *   parsePointer('a/b')    → undefined (does not start with '/')
 */

/** The reference tokens of `pointer`, or undefined when it is not a valid JSON pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  for (const t of tokens) {
    if (/~(?![01])/.test(t)) return undefined;
  }
  return tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer naming `tokens` (the inverse of parsePointer). */
export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * An array index token per RFC 6901 §4: `0` or digits without a leading zero. (`-` is handled by
 * the callers: it means "past the end" and is only valid where JSON patch allows it.)
 */
export function parseArrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
