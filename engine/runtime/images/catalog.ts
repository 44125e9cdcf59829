/**
 * The image registry the simulated nodes pull from: every image family, looked up by the
 * normalised repository. A reference that is not here (or a tag a family does not have) does
 * not exist, as on a real registry.
 */
import type { ImageReference } from '../image-reference.ts';
import { agnhostFamily } from './agnhost.ts';
import { curlFamily } from './curl.ts';
import { alpineFamily, busyboxFamily, debianFamily, ubuntuFamily } from './busybox.ts';
import { httpdFamily } from './httpd.ts';
import type { ImageContent, ImageFamily } from './image.ts';
import { nginxFamily, nginxSlimFamily } from './nginx.ts';
import { pauseFamily } from './pause.ts';
import { stressFamily } from './stress.ts';

export const IMAGE_FAMILIES: readonly ImageFamily[] = [nginxFamily, nginxSlimFamily, httpdFamily, busyboxFamily, alpineFamily, debianFamily, ubuntuFamily, agnhostFamily, pauseFamily, stressFamily, curlFamily];

export interface CatalogEntry {
  reference: ImageReference;
  content: ImageContent;
}

export interface ImageCatalog {
  /** undefined when the image does not exist in the registry. */
  lookup(reference: ImageReference): CatalogEntry | undefined;
}

export function createImageCatalog(families: readonly ImageFamily[] = IMAGE_FAMILIES): ImageCatalog {
  const byRepository = new Map<string, ImageFamily>();
  for (const f of families) for (const r of f.repositories) byRepository.set(r, f);
  return {
    lookup(reference) {
      const family = byRepository.get(reference.repository);
      if (!family) return undefined;
      // A digest pins content; any well-formed digest of a known repository is accepted.
      const tag = reference.tag ?? 'latest';
      if (!reference.digest && !family.hasTag(tag)) return undefined;
      return { reference, content: family.describe(tag) };
    },
  };
}
