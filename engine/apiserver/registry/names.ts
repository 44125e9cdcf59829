/**
 * Server-set identity fields (upstream: k8s.io/apiserver pkg/storage/names SimpleNameGenerator,
 * rest.FillObjectMetaSystemFields).
 */
import type { Clock } from '../../util/clock.ts';
import type { Random } from '../../util/random.ts';

/** Upstream's alphabet for generated suffixes: no vowels (no accidental words), no 0/1/3 (look like o/l/e). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const NAME_SUFFIX_LENGTH = 5;
/** Generated names are cut so that prefix + suffix fits a 63-character label. */
const MAX_GENERATED_NAME_LENGTH = 63;
const MAX_PREFIX_LENGTH = MAX_GENERATED_NAME_LENGTH - NAME_SUFFIX_LENGTH;

/** `web-` → `web-x7k2p`. */
export function generateName(prefix: string, random: Random): string {
  const base = prefix.length > MAX_PREFIX_LENGTH ? prefix.slice(0, MAX_PREFIX_LENGTH) : prefix;
  return base + random.string(NAME_SUFFIX_LENGTH, NAME_SUFFIX_ALPHABET);
}

/** RFC 3339 with whole seconds and `Z`, as metav1.Time serialises: `2025-01-01T00:00:05Z`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nowRfc3339(clock: Clock): string {
  return rfc3339(clock.now());
}
