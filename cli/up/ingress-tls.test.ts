/**
 * Which certificate the host's HTTPS ingress port presents for an SNI name (pure selection), and
 * that the SNI callback hands node:tls a working context for it.
 */
import { connect, createServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { corev1, networkingv1 } from '../../engine/api/types.ts';
import { createSelfSignedCert } from './self-signed-cert.ts';
import { fakeIngressCert, sniCallback, tlsHostMatches, tlsSecretFor, type TlsSources } from './ingress-tls.ts';

function ingress(name: string, namespace: string, created: string, tls: Array<[string[], string]>): networkingv1.Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace, creationTimestamp: created }, spec: { tls: tls.map(([hosts, secretName]) => ({ hosts, secretName })) } };
}

function tlsSecret(name: string, namespace: string, extra: Partial<corev1.Secret> = {}): corev1.Secret {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, resourceVersion: '1' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' }, ...extra };
}

function sources(ingresses: networkingv1.Ingress[], secrets: corev1.Secret[]): TlsSources {
  return { ingresses: () => ingresses, secret: (ns, name) => secrets.find((s) => s.metadata?.namespace === ns && s.metadata?.name === name) };
}

describe('ingress TLS certificate selection (SNI)', () => {
  it('matches hosts exactly (any case) and *.foo.com for exactly one more label', () => {
    expect(tlsHostMatches('Shop.example.com', 'shop.EXAMPLE.com')).toBe(true);
    expect(tlsHostMatches('*.example.com', 'shop.example.com')).toBe(true);
    expect(tlsHostMatches('*.example.com', 'a.shop.example.com')).toBe(false);
    expect(tlsHostMatches('*.example.com', 'example.com')).toBe(false);
    expect(tlsHostMatches('shop.example.com', 'api.example.com')).toBe(false);
  });

  it("takes the oldest Ingress listing the host, and the Secret from that Ingress's namespace", () => {
    const src = sources(
      [ingress('newer', 'a', '2025-01-02T00:00:00Z', [[['shop.example.com'], 'shop']]), ingress('older', 'b', '2025-01-01T00:00:00Z', [[['*.example.com'], 'wild']])],
      [tlsSecret('shop', 'a'), tlsSecret('wild', 'b'), tlsSecret('wild', 'a')],
    );
    expect(tlsSecretFor(src, 'shop.example.com')).toMatchObject({ namespace: 'b', name: 'wild' });
    expect(tlsSecretFor(src, 'other.test')).toBeUndefined();
  });

  it('skips a Secret that is missing, of another type, or without tls.key', () => {
    const ing = [ingress('i', 'default', '2025-01-01T00:00:00Z', [[['a.test'], 'gone'], [['a.test'], 'opaque'], [['a.test'], 'half'], [['a.test'], 'good']])];
    const src = sources(ing, [tlsSecret('opaque', 'default', { type: 'Opaque' }), tlsSecret('half', 'default', { data: { 'tls.crt': 'Y3J0' } }), tlsSecret('good', 'default')]);
    expect(tlsSecretFor(src, 'a.test')?.name).toBe('good');
  });

  it('gives the Secret\'s certificate for its host and the fallback for others or for a PEM that does not load', async () => {
    const shop = createSelfSignedCert({ now: Date.now(), dnsNames: ['shop.example.com'], ips: [] });
    const fake = createSelfSignedCert({ now: Date.now(), dnsNames: ['ingress.local'], ips: [] });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const src = sources(
      [ingress('i', 'default', '2025-01-01T00:00:00Z', [[['shop.example.com'], 'shop'], [['broken.test'], 'broken']])],
      [tlsSecret('shop', 'default', { data: { 'tls.crt': b64(shop.certPem), 'tls.key': b64(shop.keyPem) } }), tlsSecret('broken', 'default', { data: { 'tls.crt': b64('not pem'), 'tls.key': b64('nope') } })],
    );
    const { callback, fallbackContext } = sniCallback(src, fake);
    const pick = (name: string) => new Promise<unknown>((resolve, reject) => callback(name, (err, ctx) => (err ? reject(err) : resolve(ctx))));
    const forShop = await pick('shop.example.com');
    expect(forShop).not.toBe(fallbackContext);
    expect(await pick('shop.example.com')).toBe(forShop); // cached while the Secret is unchanged
    expect(await pick('other.test')).toBe(fallbackContext);
    expect(await pick('broken.test')).toBe(fallbackContext);
  });

  it('presents the Secret\'s RSA or ECDSA certificate over TLS 1.3, and the fake one to other hosts', async () => {
    const rsa = createSelfSignedCert({ now: Date.now(), dnsNames: ['rsa.example.com'], ips: [], keyType: 'rsa' });
    const ec = createSelfSignedCert({ now: Date.now(), dnsNames: ['ec.example.com'], ips: [] });
    const fake = fakeIngressCert(Date.now());
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const src = sources(
      [ingress('i', 'default', '2025-01-01T00:00:00Z', [[['rsa.example.com'], 'rsa'], [['ec.example.com'], 'ec']])],
      [tlsSecret('rsa', 'default', { data: { 'tls.crt': b64(rsa.certPem), 'tls.key': b64(rsa.keyPem) } }), tlsSecret('ec', 'default', { data: { 'tls.crt': b64(ec.certPem), 'tls.key': b64(ec.keyPem) } })],
    );
    // The same server options as the host's HTTPS ingress port (loopback-ports.ts).
    const server = createServer({ key: fake.keyPem, cert: fake.certPem, SNICallback: sniCallback(src, fake).callback }, (s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    /** The DNS names of the certificate a verifying TLS 1.3 client accepted for `servername` (with `ca`). */
    const presented = (servername: string, ca: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername, ca, minVersion: 'TLSv1.3' }, () => {
          resolve(socket.getPeerCertificate().subjectaltname ?? '');
          socket.destroy();
        });
        socket.on('error', reject);
      });
    try {
      expect(await presented('rsa.example.com', rsa.certPem)).toBe('DNS:rsa.example.com');
      expect(await presented('ec.example.com', ec.certPem)).toBe('DNS:ec.example.com');
      await expect(presented('other.example.com', fake.certPem), 'the fake certificate does not cover other hosts').rejects.toThrow(/altnames|ingress\.local/);
    } finally {
      server.close();
    }
  });
});
