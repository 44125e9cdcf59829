/** Typical mistakes in `ingress.path`; the self-check proves each one fails a case. */
import type { IngressPathPart, PathCandidate } from '../../engine/ingress/path-match.ts';
import { defineMutants } from '../exercise-tests.ts';

/** selectPath over `matchPath`, ranking matches with `better(candidate, best)`. */
function selectWith(matchPath: IngressPathPart['matchPath'], better: (c: PathCandidate, b: PathCandidate) => boolean): IngressPathPart['selectPath'] {
  return (candidates, requestPath) => {
    let best = -1;
    candidates.forEach((c, i) => {
      if (matchPath(c.pathType, c.path, requestPath) && (best < 0 || better(c, candidates[best]!))) best = i;
    });
    return best;
  };
}

const len = (c: PathCandidate) => (c.path || '/').replace(/(.)\/+$/, '$1').length;

export default defineMutants({
  part: 'ingress.path',
  mutants: [
    {
      name: 'character-prefix',
      mistake: 'matches Prefix paths as a string prefix, so /api also catches /apiv1',
      make: (ref) => {
        const matchPath: IngressPathPart['matchPath'] = (type, path, req) => (type === 'Exact' ? ref.matchPath(type, path, req) : req.startsWith((path || '/').replace(/(.)\/+$/, '$1')));
        return { matchPath, selectPath: selectWith(matchPath, (c, b) => len(c) > len(b) || (len(c) === len(b) && c.pathType === 'Exact' && b.pathType !== 'Exact')) };
      },
    },
    {
      name: 'shortest-wins',
      mistake: 'lets the shortest matching path win instead of the longest',
      make: (ref) => ({ matchPath: ref.matchPath, selectPath: selectWith(ref.matchPath, (c, b) => len(c) < len(b) || (len(c) === len(b) && c.pathType === 'Exact' && b.pathType !== 'Exact')) }),
    },
    {
      name: 'first-match-wins',
      mistake: 'takes the first path that matches, in the order the Ingress lists them',
      make: (ref) => ({ matchPath: ref.matchPath, selectPath: selectWith(ref.matchPath, () => false) }),
    },
    {
      name: 'exact-loses-ties',
      mistake: 'prefers Prefix over Exact when both paths are equally long',
      make: (ref) => ({ matchPath: ref.matchPath, selectPath: selectWith(ref.matchPath, (c, b) => len(c) > len(b) || (len(c) === len(b) && c.pathType !== 'Exact' && b.pathType === 'Exact')) }),
    },
    {
      name: 'trailing-slash-matters',
      mistake: 'treats Prefix /docs/ as not matching /docs (compares elements including the empty last one)',
      make: (ref) => {
        const matchPath: IngressPathPart['matchPath'] = (type, path, req) => {
          if (type === 'Exact') return ref.matchPath(type, path, req);
          const want = (path || '/').split('/').slice(1);
          const got = req.split('/').slice(1);
          if (want.length === 1 && want[0] === '') return true;
          return want.length <= got.length && want.every((e, i) => e === got[i] || (e === '' && i === want.length - 1));
        };
        return { matchPath, selectPath: selectWith(matchPath, (c, b) => len(c) > len(b) || (len(c) === len(b) && c.pathType === 'Exact' && b.pathType !== 'Exact')) };
      },
    },
  ],
});
