/**
 * A node's images, as containerd's image service keeps them (internal/cri/server/images):
 * PullImage resolves the reference, downloads for a time that grows with the image size, and
 * records the image under its id, its repo tag and its repo digest; pulling an image that is
 * present returns at once; concurrent pulls of one reference share one download. An image the
 * registry does not have fails after the resolve attempt with containerd's words:
 *   failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve
 *   reference "docker.io/library/nginxx:latest": docker.io/library/nginxx:latest: not found
 */
import type { Clock } from '../util/clock.ts';
import { CriError, type Image } from './cri.ts';
import { fakeDigest, type ImageReference, type ParseImageReference } from './image-reference.ts';
import { createImageCatalog, type ImageCatalog } from './images/catalog.ts';
import type { ImageContent } from './images/image.ts';

export interface StoredImage {
  image: Image;
  content: ImageContent;
}

export interface ImageStoreOptions {
  clock: Clock;
  /** Part `runtime.image`: names what is pulled (`nginx` → docker.io/library/nginx:latest). */
  parseImageReference: ParseImageReference;
  catalog?: ImageCatalog;
  /** Download speed (default 25 MB/s); every pull also spends 1 s resolving the reference. */
  pullBytesPerSecond?: number;
}

export interface ImageStore {
  /** Resolves with the image id; rejects with CriError NotFound / InvalidArgument. */
  pull(reference: string): Promise<string>;
  /** The image known by this id, reference or digest, if present. */
  find(reference: string): StoredImage | undefined;
  status(reference: string): Image | undefined;
  list(): Image[];
  remove(reference: string): void;
}

const RESOLVE_MS = 1000;

export function createImageStore(options: ImageStoreOptions): ImageStore {
  const { clock } = options;
  const catalog = options.catalog ?? createImageCatalog();
  const speed = options.pullBytesPerSecond ?? 25_000_000;
  const images = new Map<string, StoredImage>(); // by image id, repo tag and repo digest
  const pulling = new Map<string, Promise<string>>();
  const parse = (reference: string): ImageReference | undefined => {
    const r = options.parseImageReference(reference);
    return r.ok ? r.reference : undefined;
  };
  const copy = (i: Image): Image => ({ ...i, repoTags: [...i.repoTags], repoDigests: [...i.repoDigests] });

  function find(reference: string): StoredImage | undefined {
    const direct = images.get(reference);
    if (direct) return direct;
    const parsed = parse(reference);
    return parsed ? images.get(parsed.normalized) : undefined;
  }

  async function download(reference: string): Promise<string> {
    const result = options.parseImageReference(reference);
    if (!result.ok) throw new CriError('InvalidArgument', `failed to pull and unpack image "${reference}": ${result.message}`);
    const ref = result.reference;
    const entry = catalog.lookup(ref);
    if (!entry) {
      await clock.sleep(RESOLVE_MS);
      throw new CriError('NotFound', `failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${ref.normalized}: not found`);
    }
    await clock.sleep(RESOLVE_MS + Math.round((entry.content.sizeBytes / speed) * 1000));
    const digest = ref.digest ?? fakeDigest(`${ref.repository}:${ref.tag}`);
    const id = fakeDigest(`image-config:${digest}`);
    const stored = images.get(id) ?? { image: { id, repoTags: [], repoDigests: [`${ref.repository}@${digest}`], sizeBytes: entry.content.sizeBytes }, content: entry.content };
    const tag = `${ref.repository}:${ref.tag}`;
    if (ref.tag && !ref.digest && !stored.image.repoTags.includes(tag)) stored.image.repoTags.push(tag);
    images.set(id, stored);
    images.set(ref.normalized, stored);
    for (const d of stored.image.repoDigests) images.set(d, stored);
    return id;
  }

  return {
    async pull(reference) {
      const ref = parse(reference);
      const key = ref?.normalized ?? reference;
      const present = images.get(key);
      if (present) return present.image.id;
      const inflight = pulling.get(key);
      if (inflight) return inflight;
      const p = download(reference);
      pulling.set(key, p);
      try {
        return await p;
      } finally {
        pulling.delete(key);
      }
    },
    find,
    status(reference) {
      const got = find(reference);
      return got ? copy(got.image) : undefined;
    },
    list() {
      return [...new Set(images.values())].map((s) => copy(s.image));
    },
    remove(reference) {
      const got = find(reference);
      if (!got) return;
      for (const [key, value] of [...images]) if (value === got) images.delete(key);
    },
  };
}
