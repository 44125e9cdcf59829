/**
 * ServiceAccount admission, reduced (upstream: plugin/pkg/admission/serviceaccount/admission.go).
 *
 * A new pod without `spec.serviceAccountName` runs as the namespace's `default` service account.
 * Upstream also requires that account to exist (and retries until the service-account controller
 * creates it) and mounts its token; tinykube does neither yet, so pods never wait for it.
 * The deprecated `spec.serviceAccount` mirrors the name, as the v1 conversion does.
 */
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export function serviceAccountAdmission(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.group !== '' || a.resource.resource !== 'pods') return undefined;
      const pod = a.object;
      if (!pod) return undefined;
      const spec = (pod.spec ??= {}) as { serviceAccountName?: string; serviceAccount?: string };
      if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
      if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
      return undefined;
    },
  };
}
