import { describe, expect, it } from 'vitest';
import { formatPointer, parseArrayIndex, parsePointer } from './json-pointer.ts';

describe('JSON pointer (RFC 6901)', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/metadata/name', ['metadata', 'name']],
    ['/metadata/labels/app.kubernetes.io~1name', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['/a~0b', ['a~b']],
    ['/~01', ['~1']],
    ['/spec/containers/0', ['spec', 'containers', '0']],
  ])('%j names %j', (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens);
    expect(formatPointer(tokens)).toBe(pointer);
  });

  it.each(['metadata', 'a/b', '/a~2', '/a~'])('%j is not a valid pointer', (pointer) => {
    expect(parsePointer(pointer)).toBeUndefined();
  });

  it('array indices are decimal without leading zeros', () => {
    expect(parseArrayIndex('0')).toBe(0);
    expect(parseArrayIndex('12')).toBe(12);
    expect(parseArrayIndex('01')).toBeUndefined();
    expect(parseArrayIndex('-1')).toBeUndefined();
    expect(parseArrayIndex('-')).toBeUndefined();
  });
});
