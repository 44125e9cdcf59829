/**
 * Part `runtime.image`: turning the image a pod names into the full reference a runtime pulls,
 * as github.com/distribution/reference ParseNormalizedNamed does for the kubelet
 * (pkg/util/parsers ParseImageName, images/image_manager.go applyDefaultImageTag) and for
 * containerd (internal/cri/server/images PullImage). The reference implementation is
 * solutions/runtime/image-reference.ts; the kubelet and the node's image store receive it.
 *
 *   nginx                                → docker.io/library/nginx:latest
 *   nginx:1.14.2                         → docker.io/library/nginx:1.14.2
 *   polinux/stress                       → docker.io/polinux/stress:latest
 *   registry.k8s.io/pause:3.10           → registry.k8s.io/pause:3.10
 *   localhost:5000/app                   → localhost:5000/app:latest
 *   busybox@sha256:<64 hex>              → docker.io/library/busybox@sha256:<64 hex>
 *   busybox:1.36@sha256:<64 hex>         → docker.io/library/busybox:1.36@sha256:<64 hex>
 *   Nginx                                → invalid: `invalid reference format: repository name
 *                                           (library/Nginx) must be lowercase`
 *
 * Contract:
 *  - The first path component is a registry host only when the reference has more than one
 *    component and that first one contains `.` or `:`, or is `localhost` (or has upper case);
 *    otherwise the registry is docker.io. `index.docker.io` means docker.io.
 *  - On docker.io, a single-component repository is under `library/`.
 *  - `:tag` is after the last `/`; `@digest` is at the end; both may be given (both are kept).
 *    With neither, the tag is `latest`.
 *  - Invalid references are a value ({ ok: false, message }) with distribution's error text, not
 *    an exception: the kubelet shows it as the container's InvalidImageName message.
 */

export interface ImageReference {
  /** The repository with its registry: `docker.io/library/nginx`. */
  repository: string;
  /** The tag (`latest` when the reference has neither tag nor digest). */
  tag?: string;
  /** `sha256:<64 lowercase hex>` when the reference pins a digest. */
  digest?: string;
  /** The normalised reference: repository plus `:tag` and/or `@digest`. */
  normalized: string;
}

export type ImageReferenceResult = { ok: true; reference: ImageReference } | { ok: false; message: string };

/** The part: parses and normalises one image reference. Pure; never throws for bad input. */
export type ParseImageReference = (reference: string) => ImageReferenceResult;

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
