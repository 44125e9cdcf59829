/**
 * Image references as containerd resolves them (github.com/distribution/reference
 * ParseNormalizedNamed + TagNameOnly): a name without a registry is on docker.io, a single-part
 * Docker Hub name is under `library/`, and a reference with neither tag nor digest means
 * `:latest`.
 *
 *   nginx                                → docker.io/library/nginx:latest
 *   nginx:1.14.2                         → docker.io/library/nginx:1.14.2
 *   polinux/stress                       → docker.io/polinux/stress:latest
 *   registry.k8s.io/pause:3.10           → registry.k8s.io/pause:3.10
 *   busybox@sha256:<64 hex>              → docker.io/library/busybox@sha256:<64 hex>
 */

export interface ImageReference {
  /** The repository with its registry: `docker.io/library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** The normalised reference: repository plus `:tag` and/or `@digest`. */
  normalized: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** undefined for an invalid reference (the kubelet reports InvalidImageName). */
export function parseImageReference(ref: string): ImageReference | undefined {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  const first = parts[0] as string;
  let domain = 'docker.io';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = `${domain}/${parts.join('/')}`;
  if (!tag && !digest) tag = 'latest';
  const normalized = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { repository, tag, digest, normalized };
}

/** A stable fake `sha256:` digest for a string (64 hex digits; not a real SHA-256). */
export function fakeDigest(seed: string): string {
  let out = '';
  let h1 = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) {
      h1 ^= seed.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}
