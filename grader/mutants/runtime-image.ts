/** Typical mistakes in `runtime.image`; the self-check proves each one fails a case. */
import type { ImageReferenceResult } from '../../engine/runtime/image-reference.ts';
import { defineMutants } from '../exercise-tests.ts';

/** The reference's result with the normalised form rebuilt from (possibly changed) parts. */
function rebuilt(r: ImageReferenceResult, change: (repository: string, tag: string | undefined, digest: string | undefined) => [string, string | undefined, string | undefined]): ImageReferenceResult {
  if (!r.ok) return r;
  const [repository, tag, digest] = change(r.reference.repository, r.reference.tag, r.reference.digest);
  return { ok: true, reference: { repository, tag, digest, normalized: `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}` } };
}

export default defineMutants({
  part: 'runtime.image',
  mutants: [
    {
      name: 'forgets-library',
      mistake: 'forgets the library/ namespace of single-name Docker Hub images (nginx → docker.io/nginx:latest)',
      make: (ref) => (s) => rebuilt(ref(s), (repo, tag, digest) => [repo.replace(/^docker\.io\/library\//, 'docker.io/'), tag, digest]),
    },
    {
      name: 'port-as-tag',
      mistake: 'splits the tag off at the last colon, so the port of localhost:5000/app is taken for a tag',
      make: (ref) => (s) => {
        const at = s.indexOf('@');
        const name = at >= 0 ? s.slice(0, at) : s;
        const colon = name.lastIndexOf(':');
        if (colon >= 0 && name.slice(colon + 1).includes('/')) return { ok: false, message: 'invalid reference format' };
        return ref(s);
      },
    },
    {
      name: 'drops-tag-with-digest',
      mistake: 'drops the tag when a digest is present (busybox:1.36@sha256:… loses :1.36)',
      make: (ref) => (s) => rebuilt(ref(s), (repo, tag, digest) => [repo, digest ? undefined : tag, digest]),
    },
    {
      name: 'latest-with-digest',
      mistake: 'adds :latest even when the reference is pinned by a digest',
      make: (ref) => (s) => rebuilt(ref(s), (repo, tag, digest) => [repo, tag ?? 'latest', digest]),
    },
    {
      name: 'lowercases-names',
      mistake: 'lower-cases the name instead of rejecting upper case (Nginx → docker.io/library/nginx:latest)',
      make: (ref) => (s) => {
        const slash = s.lastIndexOf('/');
        const colon = s.indexOf(':', slash + 1);
        const name = colon >= 0 ? s.slice(0, colon) : s;
        return ref(name.toLowerCase() + s.slice(name.length));
      },
    },
  ],
});
