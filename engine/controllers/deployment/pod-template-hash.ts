/**
 * The pod-template-hash (upstream: pkg/controller/controller_utils.go ComputeHash,
 * k8s.io/apimachinery/pkg/util/rand SafeEncodeString).
 *
 * Upstream hashes the Go struct of the PodTemplateSpec with FNV-32a (through a deterministic
 * printer), then, when the Deployment has a status.collisionCount, also feeds the count as 4
 * little-endian bytes; the 32-bit sum is printed in decimal and every digit is mapped through
 * a vowel-free alphabet so the result never spells words: e.g. 3552106468 → "6dcd8b4958"-like.
 *
 * tinykube hashes a canonical JSON of the template (keys sorted) instead of Go's printer, so the
 * values differ from a real cluster's, but the properties the course relies on hold: equal
 * templates give equal hashes, any change gives (almost surely) another, and bumping the
 * collision count moves the hash.
 */
import type { corev1 } from '../../api/types.ts';
import { sortedJson } from '../../apiserver/patch/json-value.ts';

/** The label (and selector term) a Deployment adds to its ReplicaSets and their pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** rand.alphanums: no vowels, no 0/1/3 (look like o/l/e). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

/** FNV-32a over bytes. */
export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ (b & 0xff), 0x01000193) >>> 0;
  return h >>> 0;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      c = 0;
    }
  }
  return out;
}

/** ComputeHash(template, collisionCount). */
export function computeHash(template: corev1.PodTemplateSpec | undefined, collisionCount?: number): string {
  const bytes = utf8(sortedJson(template ?? {}));
  if (collisionCount !== undefined && collisionCount !== null) {
    const n = collisionCount >>> 0;
    bytes.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}
