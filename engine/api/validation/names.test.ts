import { describe, expect, it } from 'vitest';
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, maskTrailingDash, nameIsValid, regexError } from './names.ts';

describe('upstream name formats (apimachinery util/validation)', () => {
  it('RegexError keeps the upstream double space between examples', () => {
    expect(regexError('msg', 'x', 'a', 'b')).toBe("msg (e.g. 'a',  or 'b', regex used for validation is 'x')");
    expect(regexError('msg', 'x')).toBe("msg (regex used for validation is 'x')");
  });

  it('a DNS-1123 subdomain allows dots and rejects upper case with the documented message', () => {
    expect(isDNS1123Subdomain('web.example.com')).toEqual([]);
    expect(isDNS1123Subdomain('Web')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toContain('must be no more than 253 characters');
  });

  it('a DNS-1123 label says "must not contain dots" for a subdomain that is not a label', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('-a')[0]).toMatch(/^a lowercase RFC 1123 label must consist/);
    expect(isDNS1123Label('a'.repeat(64))).toContain('must be no more than 63 characters');
  });

  it('a DNS-1035 label must start with a letter', () => {
    expect(isDNS1035Label('web-1')).toEqual([]);
    expect(isDNS1035Label('1web')[0]).toMatch(/^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });

  it('qualified names take an optional DNS subdomain prefix', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('MyName')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('example.com/')).toEqual(['name part must be non-empty', expect.stringMatching(/^name part must consist of/)]);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  });

  it('label values may be empty but not longer than 63 characters', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_3-x')).toEqual([]);
    expect(isValidLabelValue('-x')[0]).toMatch(/^a valid label must be an empty string or consist of/);
    expect(isValidLabelValue('a'.repeat(64))).toContain('must be no more than 63 characters');
  });

  it('config keys refuse path tricks', () => {
    expect(isConfigMapKey('app.properties')).toEqual([]);
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isConfigMapKey('a/b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters/);
  });

  it('ports are 1-65535 and port names are IANA service names', () => {
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(65535)).toEqual([]);
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('80')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
  });

  it('a generateName prefix may end with a dash', () => {
    expect(maskTrailingDash('web-')).toBe('wea');
    expect(nameIsValid('DNS1123Subdomain', 'web-', true)).toEqual([]);
    expect(nameIsValid('DNS1123Subdomain', 'web-', false)).not.toEqual([]);
  });
});
