/**
 * The part cases of `ingress.path`: grader/tests/ingress-path.ts runs them against the learner's
 * part, the self-check against the reference, the stub and the mutants, and
 * engine/ingress/path-match.test.ts against the reference. Each case throws on failure.
 * The rows come from the "Examples" table of website concepts/services-networking/ingress.md.
 */
import { expect } from 'vitest';
import type { IngressPathPart, IngressPathType, PathCandidate } from './path-match.ts';

export interface PathMatchCase {
  name: string;
  run(part: IngressPathPart): void;
}

type Row = [IngressPathType, string, string, boolean];

function table(part: IngressPathPart, rows: Row[]): void {
  const got = rows.map(([t, p, r]) => `${t} ${p} ~ ${r}: ${part.matchPath(t, p, r)}`);
  expect(got).toEqual(rows.map(([t, p, r, want]) => `${t} ${p} ~ ${r}: ${want}`));
}

const P = (path: string): PathCandidate => ({ pathType: 'Prefix', path });
const E = (path: string): PathCandidate => ({ pathType: 'Exact', path });

export const pathMatchCases: readonly PathMatchCase[] = [
  {
    name: 'Exact matches the whole path only, trailing slash included',
    run(part) {
      table(part, [
        ['Exact', '/foo', '/foo', true],
        ['Exact', '/foo', '/bar', false],
        ['Exact', '/foo', '/foo/', false],
        ['Exact', '/foo/', '/foo', false],
        ['Exact', '/foo', '/foo/bar', false],
        ['Exact', '/Foo', '/foo', false],
      ]);
    },
  },
  {
    name: 'Prefix matches element by element, not character by character',
    run(part) {
      table(part, [
        ['Prefix', '/aaa/bb', '/aaa/bbb', false],
        ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
        ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
        ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
        ['Prefix', '/foo', '/foobar', false],
        ['Prefix', '/aaa', '/ccc', false],
        ['Prefix', '/aaa/bbb/ccc', '/aaa/bbb', false],
      ]);
    },
  },
  {
    name: 'Prefix ignores a trailing slash on either side',
    run(part) {
      table(part, [
        ['Prefix', '/foo', '/foo/', true],
        ['Prefix', '/foo/', '/foo', true],
        ['Prefix', '/foo/', '/foo/', true],
        ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
        ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
      ]);
    },
  },
  {
    name: 'Prefix / matches every path',
    run(part) {
      table(part, [
        ['Prefix', '/', '/', true],
        ['Prefix', '/', '/anything', true],
        ['Prefix', '/', '/a/b/c/', true],
      ]);
    },
  },
  {
    name: 'ImplementationSpecific is treated as Prefix, and an empty path as /',
    run(part) {
      table(part, [
        ['ImplementationSpecific', '/api', '/api/v1', true],
        ['ImplementationSpecific', '/api', '/apiv1', false],
        ['ImplementationSpecific', '', '/whatever', true],
      ]);
      expect(part.matchPath('ImplementationSpecific', undefined, '/x')).toBe(true);
    },
  },
  {
    name: 'the longest matching path wins, whatever the order of the candidates',
    run(part) {
      const c = [P('/'), P('/aaa'), P('/aaa/bbb')];
      expect(part.selectPath(c, '/aaa/bbb')).toBe(2);
      expect(part.selectPath(c, '/aaa/ccc')).toBe(1);
      expect(part.selectPath(c, '/ccc')).toBe(0);
      const reversed = [P('/aaa/bbb'), P('/aaa'), P('/')];
      expect(part.selectPath(reversed, '/aaa/bbb/ddd')).toBe(0);
      expect(part.selectPath(reversed, '/aaa/x')).toBe(1);
      expect(part.selectPath(reversed, '/')).toBe(2);
    },
  },
  {
    name: 'a longer path that does not match loses to a shorter one that does',
    run(part) {
      const c = [P('/'), P('/aaa/bbb'), E('/aaa/bbbxyz/long')];
      expect(part.selectPath(c, '/aaa/bbbxyz')).toBe(0);
    },
  },
  {
    name: 'Exact beats Prefix when both paths are equally long, in either order',
    run(part) {
      expect(part.selectPath([P('/foo'), E('/foo')], '/foo')).toBe(1);
      expect(part.selectPath([E('/foo'), P('/foo')], '/foo')).toBe(0);
      // Prefix /foo/ ranks like /foo: Exact still wins.
      expect(part.selectPath([P('/foo/'), E('/foo')], '/foo')).toBe(1);
      // ... but only when Exact matches: /foo/ is not /foo.
      expect(part.selectPath([P('/foo'), E('/foo')], '/foo/')).toBe(0);
    },
  },
  {
    name: 'a longer Prefix beats a shorter Exact',
    run(part) {
      expect(part.selectPath([E('/a'), P('/a/b')], '/a/b')).toBe(1);
      expect(part.selectPath([E('/a/b'), P('/a')], '/a/b')).toBe(0);
    },
  },
  {
    name: 'on a complete tie the earlier candidate (the older Ingress) wins',
    run(part) {
      expect(part.selectPath([P('/x'), P('/x')], '/x/y')).toBe(0);
      expect(part.selectPath([E('/x'), E('/x')], '/x')).toBe(0);
    },
  },
  {
    name: 'no candidate, or none matching, gives -1',
    run(part) {
      expect(part.selectPath([], '/')).toBe(-1);
      expect(part.selectPath([E('/x'), P('/y')], '/z')).toBe(-1);
    },
  },
];
