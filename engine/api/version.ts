/**
 * The one Kubernetes version tinykube speaks: what `GET /version` answers, what kubelets report
 * as their kubeletVersion (never newer than the apiserver: the version-skew policy), and the
 * OpenAPI documents' version. kubectl's dispatcher on this project's machines picks its client by
 * the minor (1.27–1.33 are installed).
 */
export const KUBERNETES_VERSION = Object.freeze({ major: '1', minor: '31', gitVersion: 'v1.31.0' });
