/**
 * Exercise `runtime.image`: turn the image a pod names (`nginx`, `nginx:1.14.2`,
 * `localhost:5000/app`, `busybox@sha256:…`) into the full reference a runtime pulls
 * (`docker.io/library/nginx:latest`, …), or say why it is not a valid reference.
 *
 * Read engine/runtime/image-reference.ts first: its table of examples and its contract are the
 * specification. The kubelet uses your function before every pull (an invalid name leaves the
 * container Waiting with reason InvalidImageName and your message) and the node's image store
 * uses it to name what it pulled (a pod's status.containerStatuses[].image and imageID).
 *
 * The cases your function must pass are in engine/runtime/image-reference-suite.ts and
 * grader/tests/runtime-image.ts (`npm run grade -- runtime-image`).
 */
import type { ImageReferenceResult, ParseImageReference } from '../../engine/runtime/image-reference.ts';

export const parseImageReference: ParseImageReference = (reference: string): ImageReferenceResult => {
  // TODO: find the registry host: is the first `/`-separated component a host, or part of a
  //       Docker Hub name? Without a host the registry is docker.io.
  // TODO: Docker Hub's official images live under a fixed namespace: a one-component name
  //       needs it.
  // TODO: take the tag and/or the digest off the end, without mistaking a registry port for a
  //       tag; with neither, the tag defaults to `latest`.
  // TODO: reject what is not a valid reference, with the message distribution gives (upper
  //       case in the repository has its own message naming the normalised repository).
  void reference;
  return { ok: false, message: 'TODO: parseImageReference is not written yet' };
};
