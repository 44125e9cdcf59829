/**
 * Bearer-token authentication (upstream: k8s.io/apiserver/pkg/authentication/request/bearertoken
 * with a static token file): with a token configured, every request must carry
 * `Authorization: Bearer <token>`; otherwise 401 Unauthorized. The health and version endpoints
 * stay readable without a token (upstream grants them to everyone through the
 * system:public-info-viewer role), but a wrong token is still 401. The token is compared in
 * constant time and never logged.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { newUnauthorized } from '../../api/errors.ts';

const PUBLIC = /^\/(healthz|livez|readyz|version)(\/|$)/;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws 401 unless the request may go on. */
export function authenticate(req: IncomingMessage, pathname: string, token: string | undefined): void {
  if (token === undefined) return;
  const header = req.headers.authorization;
  if (header === undefined && PUBLIC.test(pathname)) return;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m || !sameToken(m[1]!, token)) throw newUnauthorized();
}

/** Who the request acts as in the trace: kubectl when kubectl says so, else the token's user. */
export function userOf(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? '').startsWith('kubectl') ? 'kubectl' : 'admin';
}
