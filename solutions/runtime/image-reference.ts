/**
 * Reference for part `runtime.image` (see engine/runtime/image-reference.ts for the contract and
 * the worked examples). It follows github.com/distribution/reference: normalize.go
 * ParseNormalizedNamed / splitDockerDomain, reference.go Parse, regexp.go's grammar, and
 * helpers.go TagNameOnly (the `:latest` default).
 *
 * Why it is shaped this way:
 *  - The registry host is decided FIRST, from the first `/`-separated component, because the
 *    same characters mean different things on each side: `localhost:5000/app` has a colon that is
 *    a port, `app:5000` has a colon that is a tag. A first component is a host only if the name
 *    has a `/` and that component looks like one (a `.` or `:`, or exactly `localhost`); `nginx`
 *    and `polinux/stress` are Docker Hub names.
 *  - Docker Hub keeps official images under `library/`, so `nginx` is
 *    `docker.io/library/nginx` while `polinux/stress` is already a user's repository.
 *  - Upper case is the most common mistake and gets its own message (naming the normalised
 *    repository, `library/Nginx`), checked before the grammar; every other mismatch with the
 *    grammar is the generic `invalid reference format`.
 *  - A digest pins content, a tag names it; distribution keeps both when both are written
 *    (`busybox:1.36@sha256:…`), and only a reference with neither gets `latest`.
 */
import type { ImageReferenceResult, ParseImageReference } from '../../engine/runtime/image-reference.ts';

// distribution/reference's grammar (regexp.go), for the parts this simulator uses.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;
/** Hex length of each digest algorithm go-digest knows. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const DOCKER_DOMAIN = 'docker.io';
const LEGACY_DOCKER_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';

const invalid = (message: string): ImageReferenceResult => ({ ok: false, message });

/** splitDockerDomain: the registry host and the rest of the name. */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first);
  let domain = isHost ? first : DOCKER_DOMAIN;
  let remainder = isHost ? name.slice(slash + 1) : name;
  if (domain === LEGACY_DOCKER_DOMAIN) domain = DOCKER_DOMAIN;
  if (domain === DOCKER_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/** go-digest's Validate for the algorithms above. */
function digestError(digest: string): string | undefined {
  const [algorithm = '', hex = ''] = digest.split(':');
  const want = DIGEST_HEX_LENGTH[algorithm];
  if (want === undefined) return 'unsupported digest algorithm';
  if (hex.length !== want) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

export const parseImageReference: ParseImageReference = (reference) => {
  if (IDENTIFIER.test(reference)) return invalid(`invalid repository name (${reference}), cannot specify 64-byte hexadecimal strings`);
  const { domain, remainder } = splitDockerDomain(reference);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) return invalid(`invalid reference format: repository name (${remote}) must be lowercase`);

  const full = `${domain}/${remainder}`;
  const m = REFERENCE.exec(full);
  if (!m) {
    if (REFERENCE.test(full.toLowerCase())) return invalid('repository name must be lowercase');
    return invalid('invalid reference format');
  }
  const [, repository = '', tag, digest] = m;
  if (repository.length > NAME_TOTAL_LENGTH_MAX) return invalid(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  if (digest) {
    const err = digestError(digest);
    if (err) return invalid(err);
  }
  const finalTag = tag ?? (digest ? undefined : DEFAULT_TAG);
  const normalized = `${repository}${finalTag ? `:${finalTag}` : ''}${digest ? `@${digest}` : ''}`;
  return { ok: true, reference: { repository, tag: finalTag, digest, normalized } };
};
