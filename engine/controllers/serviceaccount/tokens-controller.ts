/**
 * The token controller (upstream: pkg/controller/serviceaccount/tokens_controller.go,
 * TokensController, run by kube-controller-manager as "serviceaccount-token-controller").
 *
 * Since Kubernetes 1.24 nothing creates long-lived token Secrets automatically, but a user may
 * still create one (website concepts/configuration/secret.md, "Service account token Secrets"):
 *
 *   type: kubernetes.io/service-account-token
 *   metadata.annotations: kubernetes.io/service-account.name: <sa>
 *
 * This controller then fills it in: `data.token` (a token for the ServiceAccount), `data.ca.crt`
 * (the cluster's root CA) and `data.namespace`, and sets the annotation
 * `kubernetes.io/service-account.uid` — token and namespace only when missing, ca.crt when
 * different (generateTokenIfNeeded).
 * A token Secret whose ServiceAccount does not exist (or has another uid than the annotation
 * says) is deleted, which is also what happens to a ServiceAccount's token Secrets when the
 * ServiceAccount is deleted.
 *
 * tinykube has no authentication, so the token is JWT-shaped (header.claims.signature, with the
 * legacy claims upstream puts in it: iss `kubernetes/serviceaccount`, the namespace, secret name,
 * service account name and uid, sub `system:serviceaccount:<ns>:<sa>`) and its signature is
 * random bytes from the seeded Random, not RS256. The controller never logs or reports a value.
 */
import { isNotFound } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { ReconcileLoop, type Client, type Lister } from '../../client/index.ts';
import type { Random } from '../../util/random.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';

export const SERVICEACCOUNT_TOKEN_CONTROLLER = 'serviceaccount-token-controller';
export const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
export const SERVICE_ACCOUNT_UID_KEY = 'kubernetes.io/service-account.uid';
/** The data keys the controller fills (core/v1 ServiceAccountTokenKey, ServiceAccountRootCAKey, ServiceAccountNamespaceKey). */
export const TOKEN_KEY = 'token';
export const ROOT_CA_KEY = 'ca.crt';
export const NAMESPACE_KEY = 'namespace';

/** A placeholder root CA: the simulated cluster has no real PKI (`tinykube up` serves its own cert). */
export const SIMULATED_ROOT_CA = '-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVkIHRpbnlrdWJlIGNsdXN0ZXIgQ0EgKG5vdCBhIHJlYWwgY2VydGlmaWNhdGUp\n-----END CERTIFICATE-----\n';

export interface TokensControllerOptions {
  /** PEM of the cluster's root CA, written as `ca.crt` (kube-controller-manager --root-ca-file). */
  rootCA?: string;
}

export function tokensController(options: TokensControllerOptions = {}): ControllerFactory {
  return (ctx) => new TokensController(ctx, options.rootCA ?? SIMULATED_ROOT_CA);
}

const b64 = (text: string) => {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
};
const b64url = (text: string) => b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const isTokenSecret = (s: corev1.Secret | undefined) => s?.type === SECRET_TYPE_SERVICE_ACCOUNT_TOKEN;

/** serviceaccount.LegacyClaims, JWT-encoded with a random (unverifiable) signature. */
export function legacyToken(sa: corev1.ServiceAccount, secret: corev1.Secret, random: Random): string {
  const ns = secret.metadata?.namespace ?? '';
  const header = { alg: 'RS256', kid: 'tinykube' };
  const claims = {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata?.name ?? '',
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata?.name ?? '',
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata?.uid ?? '',
    sub: `system:serviceaccount:${ns}:${sa.metadata?.name ?? ''}`,
  };
  const signature = random.string(342, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;
}

export class TokensController implements Controller {
  readonly name = SERVICEACCOUNT_TOKEN_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly random: Random;
  private readonly secrets: Lister<corev1.Secret>;
  private readonly serviceAccounts: Lister<corev1.ServiceAccount>;

  constructor(ctx: ControllerContext, private readonly rootCA: string) {
    this.client = ctx.client;
    this.random = ctx.random;
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.syncSecret(key) });
    const secretInformer = ctx.informers.secrets();
    const saInformer = ctx.informers.serviceaccounts();
    this.secrets = secretInformer.lister();
    this.serviceAccounts = saInformer.lister();
    const onSecret = (s: corev1.Secret) => {
      if (isTokenSecret(s)) this.loop.enqueueObject(s);
    };
    secretInformer.addEventHandler({ onAdd: onSecret, onUpdate: (_o, s) => onSecret(s) });
    // A deleted ServiceAccount takes its token Secrets with it.
    saInformer.addEventHandler({
      onDelete: (sa) => {
        const ns = sa.metadata?.namespace ?? '';
        for (const s of this.secrets.namespace(ns).list()) {
          if (isTokenSecret(s) && s.metadata?.annotations?.[SERVICE_ACCOUNT_NAME_KEY] === sa.metadata?.name) this.loop.enqueueObject(s);
        }
      },
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** The referenced ServiceAccount, from the cache or (on a miss) the API; undefined if gone or another uid. */
  private async serviceAccountOf(secret: corev1.Secret): Promise<corev1.ServiceAccount | undefined> {
    const ns = secret.metadata?.namespace ?? '';
    const name = secret.metadata?.annotations?.[SERVICE_ACCOUNT_NAME_KEY] ?? '';
    const uid = secret.metadata?.annotations?.[SERVICE_ACCOUNT_UID_KEY] ?? '';
    let sa = this.serviceAccounts.get(ns, name);
    if (!sa) {
      try {
        sa = await this.client.serviceaccounts(ns).get(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (!sa || (uid && sa.metadata?.uid !== uid)) return undefined;
    return sa;
  }

  private async syncSecret(key: string): Promise<void> {
    const cached = this.secrets.getByKey(key);
    if (!isTokenSecret(cached) || cached?.metadata?.deletionTimestamp) return;
    const ns = cached!.metadata?.namespace ?? '';
    const name = cached!.metadata?.name ?? '';
    const sa = await this.serviceAccountOf(cached!);
    if (!sa) {
      try {
        await this.client.secrets(ns).delete(name, { preconditions: { uid: cached!.metadata?.uid } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    // generateTokenIfNeeded: work on the live object, never on the cache's.
    let live: corev1.Secret;
    try {
      live = await this.client.secrets(ns).get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!isTokenSecret(live) || live.metadata?.uid !== cached!.metadata?.uid) return;
    const data = { ...(live.data ?? {}) };
    const ca = b64(this.rootCA);
    const needsCA = data[ROOT_CA_KEY] !== ca;
    const needsNamespace = !data[NAMESPACE_KEY];
    const needsToken = !data[TOKEN_KEY];
    const annotations = { ...(live.metadata?.annotations ?? {}) };
    const needsUID = annotations[SERVICE_ACCOUNT_UID_KEY] !== sa.metadata?.uid;
    if (!needsCA && !needsNamespace && !needsToken && !needsUID) return;
    if (needsCA) data[ROOT_CA_KEY] = ca;
    if (needsNamespace) data[NAMESPACE_KEY] = b64(ns);
    if (needsToken) data[TOKEN_KEY] = b64(legacyToken(sa, live, this.random));
    annotations[SERVICE_ACCOUNT_NAME_KEY] = sa.metadata?.name ?? '';
    annotations[SERVICE_ACCOUNT_UID_KEY] = sa.metadata?.uid ?? '';
    // A 409 (someone wrote meanwhile) is retried by the loop from the newer object.
    await this.client.secrets(ns).update({ ...live, metadata: { ...live.metadata, annotations }, data }, { reason: 'populate service account token' });
  }
}
