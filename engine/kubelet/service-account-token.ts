/**
 * The token a projected `serviceAccountToken` source writes (upstream: the kubelet's token
 * manager asks the apiserver's TokenRequest API for a bound token — pkg/kubelet/token). This
 * engine has no token issuer yet, so the kubelet makes a JWT-shaped token with the claims a real
 * one carries (iss, sub `system:serviceaccount:<ns>:<sa>`, aud, iat/exp, the bound pod) and a
 * placeholder signature: readable the way `jwt decode` reads one, never accepted as a credential.
 */
import type { corev1 } from '../api/types.ts';

const base64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Default lifetime of a projected token: 1 hour (ServiceAccountTokenProjection.expirationSeconds). */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

export function serviceAccountToken(pod: corev1.Pod, projection: corev1.ServiceAccountTokenProjection, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName || 'default';
  const claims = {
    aud: [projection.audience || 'https://kubernetes.default.svc.cluster.local'],
    exp: iat + (projection.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS),
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: ns, pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' }, serviceaccount: { name: sa } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.unsigned`;
}
