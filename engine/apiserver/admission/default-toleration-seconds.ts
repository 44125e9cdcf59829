/**
 * DefaultTolerationSeconds (upstream: plugin/pkg/admission/defaulttolerationseconds).
 *
 * Every new pod gets two NoExecute tolerations with tolerationSeconds 300, for the taints the
 * node lifecycle controller puts on a node that stops reporting (`node.kubernetes.io/unreachable`)
 * or reports NotReady (`node.kubernetes.io/not-ready`). That is why pods on a dead node are
 * evicted about five minutes after the node is marked: the taint arrives, the toleration holds
 * for 300 s, then the taint manager evicts.
 *
 * A pod that already tolerates a taint (same key, or an empty key with operator Exists; effect
 * NoExecute or empty) keeps its own toleration and gets no default for that taint.
 */
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Upstream flags --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

export function defaultTolerationSeconds(seconds = DEFAULT_TOLERATION_SECONDS): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    admit(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.group !== '' || a.resource.resource !== 'pods') return undefined;
      const pod = a.object;
      if (!pod) return undefined;
      const spec = (pod.spec ??= {}) as { tolerations?: Toleration[] };
      const tolerations = (spec.tolerations ??= []);
      for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
        if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
      }
      return undefined;
    },
  };
}
