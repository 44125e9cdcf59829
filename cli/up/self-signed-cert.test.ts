import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSelfSignedCert, loadOrCreateServingCert } from './self-signed-cert.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tinykube-cert-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the self-signed serving certificate', () => {
  it('is a CA that signed itself, for 127.0.0.1, ::1 and localhost, valid for ten years', () => {
    const { certPem, keyPem } = createSelfSignedCert({ now: NOW });
    const cert = new X509Certificate(certPem);
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();
    expect(Date.parse(cert.validFrom)).toBeLessThan(NOW);
    expect(Date.parse(cert.validTo)).toBeGreaterThan(NOW + 9 * 365 * 24 * 3600 * 1000);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // Node's keyUsage lists the extended key usage: serverAuth
  });

  it('covers an extra address it is asked for', () => {
    const cert = new X509Certificate(createSelfSignedCert({ now: NOW, ips: ['127.0.0.1', '192.168.1.20'] }).certPem);
    expect(cert.checkIP('192.168.1.20')).toBe('192.168.1.20');
  });

  it('is kept in the data dir (key private) and reused while it fits', () => {
    const dir = tempDir();
    const first = loadOrCreateServingCert(dir, { now: NOW });
    expect(statSync(join(dir, 'tls.key')).mode & 0o077).toBe(0);
    expect(loadOrCreateServingCert(dir, { now: NOW + 1000 })).toEqual(first);
    expect(readFileSync(join(dir, 'tls.crt'), 'utf8')).toBe(first.certPem);
  });

  it('is replaced when damaged, about to expire, or not covering a new address', () => {
    const dir = tempDir();
    const first = loadOrCreateServingCert(dir, { now: NOW });
    expect(loadOrCreateServingCert(dir, { now: NOW, ips: ['127.0.0.1', '10.1.2.3'] }).certPem).not.toBe(first.certPem);
    const second = loadOrCreateServingCert(dir, { now: NOW, ips: ['127.0.0.1', '10.1.2.3'] });
    expect(loadOrCreateServingCert(dir, { now: NOW + 3650 * 24 * 3600 * 1000, ips: ['127.0.0.1'] }).certPem).not.toBe(second.certPem);
    writeFileSync(join(dir, 'tls.crt'), 'garbage');
    expect(new X509Certificate(loadOrCreateServingCert(dir, { now: NOW }).certPem).ca).toBe(true);
  });
});
