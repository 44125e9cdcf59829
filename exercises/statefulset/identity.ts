/**
 * Exercise `sts-identity` (part `statefulset.identity`): what makes a StatefulSet pod *that* pod —
 * its name, DNS identity, labels and claims, all derived from (set, ordinal). Read the interface
 * and its worked example in engine/controllers/statefulset/identity.ts first.
 *
 * Grade it with `npm run grade -- sts-identity`: the cases are in grader/tests/sts-identity.ts (a
 * cluster whose StatefulSet controller uses your functions, seen through the API) and
 * engine/controllers/statefulset/identity-suite.ts.
 */
import type { appsv1, corev1 } from '../../engine/api/types.ts';
import type { ParentAndOrdinal, StatefulSetIdentity } from '../../engine/controllers/statefulset/identity.ts';

export const statefulSetIdentity: StatefulSetIdentity = {
  podName(set: appsv1.StatefulSet, ordinal: number): string {
    // TODO: the name every replacement of this pod will have too.
    void set;
    void ordinal;
    throw new Error('TODO: podName');
  },

  getParentNameAndOrdinal(podName: string): ParentAndOrdinal | undefined {
    // TODO: recover the set's name and the ordinal from a pod name; a set's name may itself
    // contain dashes, and a name without a numeric ordinal has none.
    void podName;
    throw new Error('TODO: getParentNameAndOrdinal');
  },

  isMemberOf(set: appsv1.StatefulSet, pod: corev1.Pod): boolean {
    // TODO: does the pod's name say it belongs to this set?
    void set;
    void pod;
    throw new Error('TODO: isMemberOf');
  },

  claimName(set: appsv1.StatefulSet, templateName: string, ordinal: number): string {
    // TODO: the claim of one volumeClaimTemplate for one pod — the same every time that pod is recreated.
    void set;
    void templateName;
    void ordinal;
    throw new Error('TODO: claimName');
  },

  claimsFor(set: appsv1.StatefulSet, ordinal: number): corev1.PersistentVolumeClaim[] {
    // TODO: one PersistentVolumeClaim per volumeClaimTemplate: its name, the set's namespace,
    // labels the set's selector can find, the template's spec. Never modify the set.
    void set;
    void ordinal;
    throw new Error('TODO: claimsFor');
  },

  newPod(set: appsv1.StatefulSet, ordinal: number): corev1.Pod {
    // TODO: the pod from spec.template with its identity: name and namespace, the identity
    // labels, a hostname and subdomain that give it a DNS name under the governing Service, and
    // volumes that mount its own claims. Never modify the set.
    void set;
    void ordinal;
    throw new Error('TODO: newPod');
  },

  identityMatches(set: appsv1.StatefulSet, pod: corev1.Pod): boolean {
    // TODO: does this pod still carry the identity its name promises in this set?
    void set;
    void pod;
    throw new Error('TODO: identityMatches');
  },
};
