import { describe, expect, it } from 'vitest';
import { convertToInternal, encodeBase64 } from './conversion.ts';
import type { KubeObject } from './object.ts';

const secret = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });

describe('Secret stringData conversion', () => {
  it('moves stringData into data as base64 and drops stringData', () => {
    const s = secret({ stringData: { username: 'admin', note: 'héllo' } });
    convertToInternal(s);
    expect(s.data).toEqual({ username: 'YWRtaW4=', note: 'aMOpbGxv' });
    expect(s).not.toHaveProperty('stringData');
  });

  it('lets stringData win over data for the same key and keeps the other data keys', () => {
    const s = secret({ data: { username: encodeBase64('old'), token: 'dA==' }, stringData: { username: 'new' } });
    convertToInternal(s);
    expect(s.data).toEqual({ username: encodeBase64('new'), token: 'dA==' });
  });

  it('leaves other kinds alone', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', stringData: { a: 'b' } };
    convertToInternal(cm);
    expect(cm.stringData).toEqual({ a: 'b' });
  });
});
