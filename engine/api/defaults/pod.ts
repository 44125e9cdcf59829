/**
 * Pod and pod template defaults: KK pkg/apis/core/v1/defaults.go (SetDefaults_Pod,
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Probe,
 * SetDefaults_HTTPGetAction, SetDefaults_Volume, SetDefaults_ObjectFieldSelector).
 *
 * The split matters: setDefaultsPodSpec is what pod TEMPLATES get (inside Deployments, Jobs, ...),
 * setDefaultsPod adds what only real Pods get — requests copied from limits and
 * enableServiceLinks — which is why `kubectl get deploy -o yaml` shows no enableServiceLinks.
 */
import { child, isObj, items, setIfEmpty, type Obj } from './util.ts';

/** The tag of an image reference, as parsers.ParseImageName sees it: '' when a digest is given. */
export function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? 'latest' : image.slice(colon + 1);
}

/** SetDefaults_Container: Always for `:latest` or no tag, else IfNotPresent; termination message. */
export function setDefaultsContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    const tag = typeof c.image === 'string' ? imageTag(c.image) : '';
    c.imagePullPolicy = tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setIfEmpty(c, 'terminationMessagePath', '/dev/termination-log');
  setIfEmpty(c, 'terminationMessagePolicy', 'File');
  for (const p of items(c, 'ports')) setIfEmpty(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = child(c, probe);
    if (p) setDefaultsProbe(p);
  }
  for (const e of items(c, 'env')) {
    const vf = child(e, 'valueFrom');
    const fr = vf && child(vf, 'fieldRef');
    if (fr) setIfEmpty(fr, 'apiVersion', 'v1');
  }
  for (const hook of ['postStart', 'preStop']) {
    const lc = child(c, 'lifecycle');
    const h = lc && child(lc, hook);
    const hg = h && child(h, 'httpGet');
    if (hg) setDefaultsHTTPGet(hg);
  }
}

function setDefaultsHTTPGet(h: Obj): void {
  setIfEmpty(h, 'path', '/');
  setIfEmpty(h, 'scheme', 'HTTP');
}

/** SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3. */
export function setDefaultsProbe(p: Obj): void {
  const zeroIsEmpty = (k: string, v: number) => {
    if (p[k] === undefined || p[k] === null || p[k] === 0) p[k] = v;
  };
  zeroIsEmpty('timeoutSeconds', 1);
  zeroIsEmpty('periodSeconds', 10);
  zeroIsEmpty('successThreshold', 1);
  zeroIsEmpty('failureThreshold', 3);
  const hg = child(p, 'httpGet');
  if (hg) setDefaultsHTTPGet(hg);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
] as const;

/** The volume sources a Volume may name (exactly one must be set). */
export const VOLUME_SOURCE_FIELDS: readonly string[] = VOLUME_SOURCES;

/** SetDefaults_Volume: a volume with no source is an emptyDir; configMap/secret modes 0644. */
export function setDefaultsVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const s of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const src = child(v, s);
    if (src) setIfEmpty(src, 'defaultMode', 0o644);
  }
}

/** SetDefaults_PodSpec (+ the containers, init containers and volumes inside it): templates get this. */
export function setDefaultsPodSpec(spec: Obj): void {
  setIfEmpty(spec, 'dnsPolicy', 'ClusterFirst');
  setIfEmpty(spec, 'restartPolicy', 'Always');
  setIfEmpty(spec, 'securityContext', {});
  setIfEmpty(spec, 'terminationGracePeriodSeconds', 30);
  setIfEmpty(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...items(spec, 'initContainers'), ...items(spec, 'containers'), ...items(spec, 'ephemeralContainers')]) setDefaultsContainer(c);
  for (const v of items(spec, 'volumes')) setDefaultsVolume(v);
  if (spec.hostNetwork === true) defaultHostNetworkPorts(spec);
}

/** With hostNetwork the container port is the host port (defaultHostNetworkPorts). */
function defaultHostNetworkPorts(spec: Obj): void {
  for (const c of [...items(spec, 'initContainers'), ...items(spec, 'containers')]) {
    for (const p of items(c, 'ports')) if (p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) p.hostPort = p.containerPort;
  }
}

/** SetDefaults_Pod: pod spec defaults, requests copied from limits, enableServiceLinks true. */
export function setDefaultsPod(pod: Obj): void {
  const spec = child(pod, 'spec');
  if (!spec) return;
  setDefaultsPodSpec(spec);
  setIfEmpty(spec, 'enableServiceLinks', true);
  for (const c of [...items(spec, 'initContainers'), ...items(spec, 'containers')]) {
    const res = child(c, 'resources');
    const limits = res && child(res, 'limits');
    if (!res || !limits || Object.keys(limits).length === 0) continue;
    const requests = child(res, 'requests', true);
    if (!requests) continue;
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
}

/** Template specs inside workloads: `<spec>.template.spec`. */
export function setDefaultsPodTemplate(template: unknown): void {
  if (!isObj(template)) return;
  const spec = child(template, 'spec');
  if (spec) setDefaultsPodSpec(spec);
}
