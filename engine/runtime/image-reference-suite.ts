/**
 * The behaviour cases of part `runtime.image` (image-reference.ts), written once and run against
 * any implementation: the reference in solutions/, the learner's stub in exercises/, the
 * grader's mutants. Each case is a plain function that throws on failure (vitest's `expect`).
 *
 * The expected values are what github.com/distribution/reference gives
 * (ParseNormalizedNamed, then `latest` when there is neither tag nor digest).
 */
import { describe, expect, it } from 'vitest';
import type { ImageReference, ParseImageReference } from './image-reference.ts';

export interface ImageReferenceCase {
  name: string;
  run(parse: ParseImageReference): void;
}

const HEX = 'a'.repeat(56) + '0123beef';
const DIGEST = `sha256:${HEX}`;

/** The parsed reference, failing the case with the implementation's message if it was rejected. */
function accepted(parse: ParseImageReference, ref: string): ImageReference {
  const r = parse(ref);
  if (!r.ok) throw new Error(`"${ref}" is a valid reference but was rejected: ${r.message}`);
  return r.reference;
}

function normalized(parse: ParseImageReference, ref: string): string {
  return accepted(parse, ref).normalized;
}

function rejected(parse: ParseImageReference, ref: string): string {
  const r = parse(ref);
  if (r.ok) throw new Error(`"${ref}" is not a valid reference but was accepted as ${r.reference.normalized}`);
  return r.message;
}

export const imageReferenceCases: readonly ImageReferenceCase[] = [
  {
    name: 'a one-word image is an official Docker Hub image: nginx is docker.io/library/nginx:latest',
    run(parse) {
      expect(normalized(parse, 'nginx')).toBe('docker.io/library/nginx:latest');
      expect(normalized(parse, 'busybox')).toBe('docker.io/library/busybox:latest');
    },
  },
  {
    name: 'the parts are reported separately: repository with its registry, tag, no digest',
    run(parse) {
      const r = accepted(parse, 'nginx:1.27');
      expect({ repository: r.repository, tag: r.tag, digest: r.digest }).toEqual({ repository: 'docker.io/library/nginx', tag: '1.27', digest: undefined });
      expect(r.normalized).toBe('docker.io/library/nginx:1.27');
    },
  },
  {
    name: 'a tag is kept as written: nginx:1.14.2, library/busybox:1.28',
    run(parse) {
      expect(normalized(parse, 'nginx:1.14.2')).toBe('docker.io/library/nginx:1.14.2');
      expect(normalized(parse, 'library/busybox:1.28')).toBe('docker.io/library/busybox:1.28');
      expect(normalized(parse, 'nginx:1.27-alpine_slim.v2')).toBe('docker.io/library/nginx:1.27-alpine_slim.v2');
    },
  },
  {
    name: "a user's Docker Hub repository is not under library/: polinux/stress",
    run(parse) {
      expect(normalized(parse, 'polinux/stress')).toBe('docker.io/polinux/stress:latest');
      expect(normalized(parse, 'bitnami/redis:7.2')).toBe('docker.io/bitnami/redis:7.2');
      expect(normalized(parse, 'team/project/app')).toBe('docker.io/team/project/app:latest');
    },
  },
  {
    name: 'a first component with a dot is a registry host: registry.k8s.io/pause:3.10',
    run(parse) {
      expect(normalized(parse, 'registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
      expect(normalized(parse, 'registry.k8s.io/e2e-test-images/agnhost:2.40')).toBe('registry.k8s.io/e2e-test-images/agnhost:2.40');
      expect(normalized(parse, 'gcr.io/app')).toBe('gcr.io/app:latest');
    },
  },
  {
    name: 'localhost and a host with a port are registries, and the port is not a tag',
    run(parse) {
      expect(normalized(parse, 'localhost/app')).toBe('localhost/app:latest');
      expect(normalized(parse, 'localhost:5000/app')).toBe('localhost:5000/app:latest');
      const r = accepted(parse, 'myregistry:5000/team/app:v2');
      expect([r.repository, r.tag]).toEqual(['myregistry:5000/team/app', 'v2']);
    },
  },
  {
    name: 'docker.io written out, or its legacy name index.docker.io, is the same Docker Hub',
    run(parse) {
      expect(normalized(parse, 'docker.io/library/httpd:2.4')).toBe('docker.io/library/httpd:2.4');
      expect(normalized(parse, 'docker.io/nginx')).toBe('docker.io/library/nginx:latest');
      expect(normalized(parse, 'index.docker.io/nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    },
  },
  {
    name: 'a digest pins the image: no tag is added',
    run(parse) {
      const r = accepted(parse, `busybox@${DIGEST}`);
      expect({ repository: r.repository, tag: r.tag, digest: r.digest }).toEqual({ repository: 'docker.io/library/busybox', tag: undefined, digest: DIGEST });
      expect(r.normalized).toBe(`docker.io/library/busybox@${DIGEST}`);
      expect(normalized(parse, `localhost:5000/app@${DIGEST}`)).toBe(`localhost:5000/app@${DIGEST}`);
    },
  },
  {
    name: 'a tag and a digest together are both kept',
    run(parse) {
      const r = accepted(parse, `busybox:1.36@${DIGEST}`);
      expect([r.repository, r.tag, r.digest]).toEqual(['docker.io/library/busybox', '1.36', DIGEST]);
      expect(r.normalized).toBe(`docker.io/library/busybox:1.36@${DIGEST}`);
    },
  },
  {
    name: 'upper case in the repository is rejected, naming the normalised repository',
    run(parse) {
      expect(rejected(parse, 'Nginx')).toBe('invalid reference format: repository name (library/Nginx) must be lowercase');
      expect(rejected(parse, 'myorg/MyApp:1.0')).toBe('invalid reference format: repository name (myorg/MyApp) must be lowercase');
    },
  },
  {
    name: 'upper case is allowed in a tag',
    run(parse) {
      expect(normalized(parse, 'nginx:Stable-RC1')).toBe('docker.io/library/nginx:Stable-RC1');
    },
  },
  {
    name: 'a malformed reference is rejected with "invalid reference format"',
    run(parse) {
      for (const ref of ['nginx@sha256:abc', 'nginx:', 'nginx::1', '-nginx', 'nginx/', 'a b', 'nginx:-1', '', `nginx:${'t'.repeat(129)}`]) {
        expect(rejected(parse, ref), ref).toBe('invalid reference format');
      }
    },
  },
  {
    name: 'a sha256 digest must have 64 lowercase hex digits',
    run(parse) {
      expect(rejected(parse, `nginx@sha256:${'a'.repeat(40)}`)).toBe('invalid checksum digest length');
      expect(rejected(parse, `nginx@sha256:${'A'.repeat(64)}`)).toBe('invalid checksum digest format');
    },
  },
  {
    name: 'a bare 64-hex string is an image id, not a repository name',
    run(parse) {
      expect(rejected(parse, HEX)).toBe(`invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`);
    },
  },
  {
    name: 'normalising is idempotent: a normalised reference parses to itself',
    run(parse) {
      for (const ref of ['nginx', 'polinux/stress:1.0', 'localhost:5000/app', `busybox:1.36@${DIGEST}`, `busybox@${DIGEST}`]) {
        const once = normalized(parse, ref);
        expect(normalized(parse, once), ref).toBe(once);
      }
    },
  },
];

/** Registers every case as a vitest test against `parse`. */
export function describeImageReference(name: string, parse: ParseImageReference): void {
  describe(`runtime.image (${name})`, () => {
    for (const c of imageReferenceCases) it(c.name, () => c.run(parse));
  });
}
