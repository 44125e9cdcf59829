/**
 * The certificate the host-side HTTPS ingress port presents, chosen per TLS handshake by SNI as
 * ingress-nginx does: the `kubernetes.io/tls` Secret named by the first Ingress (oldest first)
 * whose spec.tls lists the requested host — in the Ingress's own namespace, with `tls.crt` and
 * `tls.key`. Any other host (or no SNI, or a Secret whose PEM does not load) gets the
 * controller's default certificate, ingress-nginx's "Kubernetes Ingress Controller Fake
 * Certificate" issued for `ingress.local`, which a verifying client refuses.
 *
 * TLS is real here (node:tls on the host); inside the simulation port 443 speaks plain HTTP
 * (engine/ingress/ingress-controller.ts), so the request goes on to <nodeIP>:443 decrypted.
 * Secret contents stay in memory: never logged.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import type { corev1, networkingv1 } from '../../engine/api/types.ts';
import { createSelfSignedCert, type ServingCert } from './self-signed-cert.ts';

export interface TlsSources {
  ingresses(): readonly networkingv1.Ingress[];
  secret(namespace: string, name: string): corev1.Secret | undefined;
}

/** A spec.tls host against an SNI name: exact (case-insensitive), or `*.foo.com` for exactly one more label. */
export function tlsHostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

export interface TlsSecretRef {
  namespace: string;
  name: string;
  secret: corev1.Secret;
}

/** The usable TLS Secret for `servername`, oldest Ingress first; undefined when none. */
export function tlsSecretFor(sources: TlsSources, servername: string): TlsSecretRef | undefined {
  const ingresses = [...sources.ingresses()].sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const ing of ingresses) {
    const namespace = ing.metadata?.namespace ?? 'default';
    for (const tls of ing.spec?.tls ?? []) {
      if (!tls.secretName || !(tls.hosts ?? []).some((h) => tlsHostMatches(h, servername))) continue;
      const secret = sources.secret(namespace, tls.secretName);
      if (secret?.type === 'kubernetes.io/tls' && secret.data?.['tls.crt'] && secret.data?.['tls.key']) return { namespace, name: tls.secretName, secret };
    }
  }
  return undefined;
}

/**
 * The controller's fake certificate, for `ingress.local`. It is RSA on purpose: under TLS 1.3,
 * Node (OpenSSL 3) only switches to an SNI context whose key type the server's default context
 * also has — with an ECDSA default, a Secret's RSA certificate (the common case: `openssl req
 * -newkey rsa:2048`, cert-manager's default) was never presented. With an RSA default, RSA and
 * ECDSA Secrets both work (ingress-tls.test.ts checks both over a real handshake).
 */
export function fakeIngressCert(now: number): ServingCert {
  return createSelfSignedCert({ now, dnsNames: ['ingress.local'], ips: [], keyType: 'rsa' });
}

export type SniCallback = (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void;

/**
 * An SNICallback for node:https: the Secret's certificate for a matching host, else `fallback`.
 * Contexts are cached per Secret and resourceVersion, so a renewed certificate is picked up at
 * the next handshake.
 */
export function sniCallback(sources: TlsSources, fallback: ServingCert): { callback: SniCallback; fallbackContext: SecureContext } {
  const fallbackContext = createSecureContext({ key: fallback.keyPem, cert: fallback.certPem });
  const cache = new Map<string, { version: string; context: SecureContext | undefined }>();
  const callback: SniCallback = (servername, cb) => {
    const ref = tlsSecretFor(sources, servername);
    if (!ref) return cb(null, fallbackContext);
    const key = `${ref.namespace}/${ref.name}`;
    const version = ref.secret.metadata?.resourceVersion ?? '';
    let entry = cache.get(key);
    if (!entry || entry.version !== version) {
      let context: SecureContext | undefined;
      try {
        const decode = (k: string) => Buffer.from(ref.secret.data![k]!, 'base64');
        context = createSecureContext({ cert: decode('tls.crt'), key: decode('tls.key') });
      } catch {
        // A Secret whose PEM does not load: nginx keeps serving the default certificate.
        context = undefined;
      }
      entry = { version, context };
      cache.set(key, entry);
    }
    cb(null, entry.context ?? fallbackContext);
  };
  return { callback, fallbackContext };
}
