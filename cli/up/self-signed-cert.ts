/**
 * A self-signed serving certificate for `tinykube up`, made with node:crypto alone (no openssl,
 * no dependency): an ECDSA P-256 key and an X.509 v3 certificate (RFC 5280) for 127.0.0.1, ::1
 * and localhost, which is also its own CA — the kubeconfig carries it as
 * certificate-authority-data, the way `kind` and `minikube` hand out their cluster CA.
 *
 * Why TLS at all: client-go (so kubectl) only sends a bearer token over TLS — clientcmd sets the
 * user's credentials on the rest.Config only when the server URL is https
 * (kubernetes/client-go tools/clientcmd/client_config.go, see kubernetes/kubectl#744). A token
 * on plain http:// would never reach the server.
 *
 * Only the DER needed for one certificate is encoded here; Go's crypto/x509 (kubectl) and
 * OpenSSL (Node's TLS) both parse it, which the tests check through node:crypto's X509Certificate.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServingCert {
  keyPem: string;
  certPem: string;
}

// --- DER (ITU-T X.690), just the types a certificate uses -------------------------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
const bitString = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes);
const octetString = (bytes: Buffer) => tlv(0x04, bytes);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (b: boolean) => tlv(0x01, Buffer.from([b ? 0xff : 0]));

function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for years before 2050, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-11-24T12:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    const [head, tail = ''] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(ip.split('.').map(Number));
}

// --- the certificate ---------------------------------------------------------------------------

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
/** sha256WithRSAEncryption, whose AlgorithmIdentifier carries an explicit NULL parameter. */
const RSA_WITH_SHA256 = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
const DAY = 24 * 60 * 60 * 1000;

export interface CertOptions {
  /** Now, in ms since the epoch (the host clock: this is outside the simulated cluster). */
  now: number;
  /** Default 127.0.0.1 and ::1. */
  ips?: string[];
  /** Default localhost. */
  dnsNames?: string[];
  /** Default 10 years, like kubeadm's CA. */
  validDays?: number;
  /** Default 'ec' (ECDSA P-256); 'rsa' is RSA 2048. */
  keyType?: 'ec' | 'rsa';
}

export function createSelfSignedCert(options: CertOptions): ServingCert {
  const rsa = options.keyType === 'rsa';
  const { privateKey, publicKey } = rsa ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const algorithm = rsa ? RSA_WITH_SHA256 : ECDSA_WITH_SHA256;
  const ips = options.ips ?? ['127.0.0.1', '::1'];
  const dnsNames = options.dnsNames ?? ['localhost'];
  const name = seq(set(seq(oid('2.5.4.10'), utf8('tinykube'))), set(seq(oid('2.5.4.3'), utf8('tinykube'))));
  const san = seq(...dnsNames.map((d) => tlv(0x82, Buffer.from(d))), ...ips.map((ip) => tlv(0x87, ipBytes(ip))));
  const extensions = seq(
    // basicConstraints: CA (it signs itself and is the kubeconfig's CA), critical
    seq(oid('2.5.29.19'), bool(true), octetString(seq(bool(true)))),
    // keyUsage: digitalSignature, keyCertSign (bits 0 and 5), critical
    seq(oid('2.5.29.15'), bool(true), octetString(tlv(0x03, Buffer.from([2, 0x84])))),
    // extKeyUsage: serverAuth
    seq(oid('2.5.29.37'), octetString(seq(oid('1.3.6.1.5.5.7.3.1')))),
    // subjectAltName: what Go checks (it ignores the CN)
    seq(oid('2.5.29.17'), octetString(san)),
  );
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    seq(time(options.now - DAY), time(options.now + (options.validDays ?? 3650) * DAY)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, rsa ? privateKey : { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, algorithm, bitString(signature));
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: toPem('CERTIFICATE', der),
  };
}

function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export const CERT_FILE = 'tls.crt';
export const KEY_FILE = 'tls.key';

/**
 * The serving certificate kept in `dataDir` (tls.crt, tls.key mode 0600), so a restart keeps the
 * kubeconfig's CA valid. A new one is made when there is none, it does not parse, it expires
 * within a day, or it does not cover `ips` (e.g. a new --address).
 */
export function loadOrCreateServingCert(dataDir: string, options: CertOptions): ServingCert {
  const certPath = join(dataDir, CERT_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  try {
    const stored = { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
    if (usable(stored, options)) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const fresh = createSelfSignedCert(options);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keyPath, fresh.keyPem, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, fresh.certPem);
  return fresh;
}

function usable(pair: ServingCert, options: CertOptions): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    const key = createPrivateKey(pair.keyPem);
    if (!cert.checkPrivateKey(key)) return false;
    if (Date.parse(cert.validTo) < options.now + DAY) return false;
    return (options.ips ?? ['127.0.0.1']).every((ip) => cert.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}
