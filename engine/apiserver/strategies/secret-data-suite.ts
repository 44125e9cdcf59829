/**
 * The part cases of `secret.data`: grader/tests/secret-data.ts runs them against the learner's
 * part, the self-check against the reference, the stub and the mutants. Each case throws on
 * failure. Expected values were computed with Go's encoding/base64 semantics (StdEncoding).
 */
import { expect } from 'vitest';
import type { SecretDataFields, SecretDataPart } from './secret-data.ts';

export interface SecretDataCase {
  name: string;
  run(part: SecretDataPart): void;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function decodeOk(part: SecretDataPart, value: string): Uint8Array {
  const r = part.decode(value);
  if (!r.ok) throw new Error(`decode(${JSON.stringify(value)}) failed at input byte ${r.offset}, expected it to succeed`);
  return r.bytes;
}

export const secretDataCases: readonly SecretDataCase[] = [
  {
    name: 'encode gives standard padded base64: admin → YWRtaW4=, one and two padding characters',
    run(part) {
      expect(part.encode('admin')).toBe('YWRtaW4=');
      expect(part.encode('1f2d1e2e67df')).toBe('MWYyZDFlMmU2N2Rm');
      expect(part.encode('ab')).toBe('YWI=');
      expect(part.encode('a')).toBe('YQ==');
      expect(part.encode('')).toBe('');
    },
  },
  {
    name: 'encode works on the UTF-8 bytes: héllo → aMOpbGxv, and characters beyond Latin-1 (€, emoji) encode too',
    run(part) {
      expect(part.encode('héllo')).toBe('aMOpbGxv');
      expect(part.encode('€')).toBe('4oKs');
      expect(part.encode('🔑')).toBe('8J+UkQ==');
    },
  },
  {
    name: 'encode uses + and / (the standard alphabet), not the URL-safe - and _',
    run(part) {
      expect(part.encode('\u00fb\u00ff')).toBe('w7vDvw==');
      expect(part.encode('>>>???')).toBe('Pj4+Pz8/');
    },
  },
  {
    name: 'decode returns the bytes of valid base64, and the empty string is no bytes',
    run(part) {
      expect(text(decodeOk(part, 'YWRtaW4='))).toBe('admin');
      expect(text(decodeOk(part, 'aMOpbGxv'))).toBe('héllo');
      expect([...decodeOk(part, '/+8=')]).toEqual([0xff, 0xef]);
      expect(decodeOk(part, '').length).toBe(0);
    },
  },
  {
    name: 'decode skips line breaks, as base64 wrapped at 76 columns has them',
    run(part) {
      expect(text(decodeOk(part, 'YWRt\naW4=\r\n'))).toBe('admin');
    },
  },
  {
    name: 'decode rejects plain text with the offset Go reports: admin → byte 4, wombat → byte 4, abc → byte 0',
    run(part) {
      expect(part.decode('admin')).toEqual({ ok: false, offset: 4 });
      expect(part.decode('wombat')).toEqual({ ok: false, offset: 4 });
      expect(part.decode('abc')).toEqual({ ok: false, offset: 0 });
    },
  },
  {
    name: 'decode rejects characters outside the alphabet at their offset (a space, a dash, a "!")',
    run(part) {
      expect(part.decode('not base64!')).toEqual({ ok: false, offset: 3 });
      expect(part.decode('YW-t')).toEqual({ ok: false, offset: 2 });
      expect(part.decode('YWRtaW4!')).toEqual({ ok: false, offset: 7 });
    },
  },
  {
    name: 'decode requires complete padding that ends the input',
    run(part) {
      expect(part.decode('YQ')).toEqual({ ok: false, offset: 0 });
      expect(part.decode('YQ=')).toEqual({ ok: false, offset: 3 });
      expect(part.decode('Y===')).toEqual({ ok: false, offset: 1 });
      expect(part.decode('YQ==YQ==')).toEqual({ ok: false, offset: 4 });
      expect(part.decode('=')).toEqual({ ok: false, offset: 0 });
    },
  },
  {
    name: 'mergeStringData moves stringData into data as base64 and removes stringData',
    run(part) {
      const s: SecretDataFields = { stringData: { username: 'admin', note: 'héllo' } };
      part.mergeStringData(s);
      expect(s).toEqual({ data: { username: 'YWRtaW4=', note: 'aMOpbGxv' } });
      expect('stringData' in s).toBe(false);
    },
  },
  {
    name: 'mergeStringData: stringData wins over data for the same key, other data keys stay',
    run(part) {
      const s: SecretDataFields = { data: { username: 'b2xk', token: 'dA==' }, stringData: { username: 'new' } };
      part.mergeStringData(s);
      expect(s).toEqual({ data: { username: 'bmV3', token: 'dA==' } });
    },
  },
  {
    name: 'mergeStringData leaves a Secret without stringData as it is (no data map appears)',
    run(part) {
      const s: SecretDataFields = { data: { a: 'YQ==' } };
      part.mergeStringData(s);
      expect(s).toEqual({ data: { a: 'YQ==' } });
      const empty: SecretDataFields = {};
      part.mergeStringData(empty);
      expect(empty).toEqual({});
    },
  },
  {
    name: 'mergeStringData keeps an empty string as an empty value',
    run(part) {
      const s: SecretDataFields = { stringData: { empty: '' } };
      part.mergeStringData(s);
      expect(s).toEqual({ data: { empty: '' } });
    },
  },
];

/** The names of the cases `part` fails (for tests of the suite itself). */
export function failingSecretDataCases(part: SecretDataPart): string[] {
  const failed: string[] = [];
  for (const c of secretDataCases) {
    try {
      c.run(part);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
