/**
 * The playground's presets (issue 7, deliverable 4): one manifest per chapter, plus four general
 * ones. Pure data, shipped to the browser: each `file` is a multi-document YAML manifest beside
 * this file, valid for `kubectl apply -f` against `tinykube up` as well as for the playground.
 *
 * `watch` tells the learner what to look at in the playground's views (nodes, pods, services,
 * events, the API trace, pod logs). `part` names the chapter's exercise whose code the
 * playground can run in place of the reference: its learner file imports types only, so it runs
 * in the browser as is, and its effect shows in those views (test/docs/presets.test.ts checks
 * both, and what each `watch` promises).
 */
import type { PartId } from '../../../engine/cluster/parts.ts';

export interface PlaygroundPresetPart {
  /** The part's id (engine/cluster/parts.ts), e.g. 'scheduler.score'. */
  id: PartId;
  /** The learner's file, as course.yaml's `learner` names it, e.g. 'exercises/scheduler/score.ts'. */
  learner: string;
  /** The named export of `learner` that holds the part, e.g. 'score'. */
  exportName: string;
}

export interface PlaygroundPreset {
  /** The chapter's id (course.yaml, or dns / deployment); a plain name for the general presets. */
  id: string;
  title: string;
  /** '<id>.yaml', in this folder. */
  file: string;
  /** One or two sentences: what to look at once it is applied. */
  watch: string;
  /** The chapter's exercise the learner can edit and run here, when one fits. */
  part?: PlaygroundPresetPart;
  /** True for the presets that belong to no chapter. */
  general?: boolean;
}

/** One preset per chapter in course order (the 13 of course.yaml, then dns and deployment), then the general ones. */
export const playgroundPresets: PlaygroundPreset[] = [
  {
    id: 'etcd',
    title: 'The store: one revision counter',
    file: 'etcd.yaml',
    watch:
      'In the API trace every write takes the next revision of one counter shared by all objects, yours and the controllers\'. Change `lives` and apply again: the ConfigMap is updated at a new, higher revision, and a recreated "reader" pod prints the new value.',
  },
  {
    id: 'apiserver',
    title: 'The apiserver: validation and admission',
    file: 'apiserver.yaml',
    watch:
      'Apply reports one line per object: the namespace and the Deployment are created, the other three are refused with their field paths (metadata.name, spec.replicas ...) or by admission (namespace "nowhere" not found). Fix them as the comments say and apply again.',
    part: { id: 'apiserver.validation', learner: 'exercises/apiserver/object-meta-validation.ts', exportName: 'validateObjectMeta' },
  },
  {
    id: 'scheduler',
    title: 'The scheduler: requests and nodeSelector',
    file: 'scheduler.yaml',
    watch:
      'The NODE column: the three web replicas spread over the nodes, "pinned" lands on node-2, and "huge" stays Pending with the FailedScheduling event "0/3 nodes are available: 3 Insufficient cpu."',
    part: { id: 'scheduler.score', learner: 'exercises/scheduler/score.ts', exportName: 'score' },
  },
  {
    id: 'runtime',
    title: 'The runtime: exits, pulls and image names',
    file: 'runtime.yaml',
    watch:
      'The STATUS column: "fail" ends in Error (its logs: "about to fail", exit code 3), "typo" goes ErrImagePull then ImagePullBackOff, "upper" shows InvalidImageName, "memory-hog" is OOMKilled, "ok" runs.',
    part: { id: 'runtime.image', learner: 'exercises/runtime/image-reference.ts', exportName: 'parseImageReference' },
  },
  {
    id: 'kubelet',
    title: 'The kubelet: restarts, probes, init containers',
    file: 'kubelet.yaml',
    watch:
      'RESTARTS: "crasher" climbs with CrashLoopBackOff (BackOff events) in between; "liveness-http" is restarted after its probe fails (Unhealthy, then Killing); "with-init" runs its two init containers before nginx.',
    part: { id: 'kubelet.backoff', learner: 'exercises/kubelet/backoff.ts', exportName: 'newContainerBackoff' },
  },
  {
    id: 'controller-manager',
    title: 'The controller-manager: Deployment and Job',
    file: 'controller-manager.yaml',
    watch:
      'The events: ScalingReplicaSet from the Deployment controller, SuccessfulCreate from the ReplicaSet and Job controllers, then "Job completed". Delete an nginx pod and a replacement appears.',
    part: { id: 'controllers.replicaset', learner: 'exercises/controllers/replicaset/manage-replicas.ts', exportName: 'manageReplicas' },
  },
  {
    id: 'kube-proxy',
    title: 'kube-proxy: spreading, affinity, reject',
    file: 'kube-proxy.yaml',
    watch:
      'The logs of "spread": pod names that vary, connection after connection; of "sticky": always the same name (ClientIP affinity), then "Connection refused" from the Service with no endpoints.',
    part: { id: 'proxy.affinity', learner: 'exercises/proxy/session-affinity.ts', exportName: 'newLoadBalancer' },
  },
  {
    id: 'service',
    title: 'A Service in front of two pods',
    file: 'service.yaml',
    watch:
      'The services table: web gets a ClusterIP from the apiserver. The logs of "client": nginx\'s "<title>Welcome to nginx!</title>" every 3 s, from either pod (their logs show the requests).',
    part: { id: 'service.ipalloc', learner: 'exercises/service/ip-allocator.ts', exportName: 'allocateIP' },
  },
  {
    id: 'ingress',
    title: 'Ingress: hosts and paths',
    file: 'ingress.yaml',
    watch:
      'The logs of "curl": "hello" from /echo, api pod names from /hostname, 200 for /, and 404 for /echoes (not under Prefix /echo) and for a host no rule names.',
    part: { id: 'ingress.path', learner: 'exercises/ingress/path-match.ts', exportName: 'ingressPath' },
  },
  {
    id: 'configmap',
    title: 'A ConfigMap as variables and files',
    file: 'configmap.yaml',
    watch:
      'The logs of "config-demo" (the values through envFrom, env and a volume) and of "watcher"; "missing-key" is stuck in CreateContainerConfigError. Change lives to "5": the watcher\'s file follows, its variable does not.',
    part: { id: 'configmap.env', learner: 'exercises/configmap/environment.ts', exportName: 'makeEnvironmentVariables' },
  },
  {
    id: 'secret',
    title: 'A Secret as a variable and files',
    file: 'secret.yaml',
    watch:
      'The logs of "secret-demo": user=admin, the files\' modes 444 and 400, the password in clear. Apply refuses "half-tls": a TLS Secret needs tls.key.',
    part: { id: 'secret.data', learner: 'exercises/secret/secret-data.ts', exportName: 'secretData' },
  },
  {
    id: 'volume',
    title: 'Claims, binding and provisioning',
    file: 'volume.yaml',
    watch:
      'The events of the claims (Provisioning, ProvisioningSucceeded), then the logs of "reader": the line "writer" left on the shared volume. Delete "writer" and apply again: one more line.',
    part: { id: 'volume.binder', learner: 'exercises/volume/pv-binder.ts', exportName: 'findBestMatch' },
  },
  {
    id: 'statefulset',
    title: 'StatefulSet web with its claims',
    file: 'statefulset.yaml',
    watch:
      'The pods web-0, web-1, web-2 appear one after the other, each once the previous one is Ready, after its claim www-web-N (SuccessfulCreate events). The logs of "dns": web-0\'s own DNS name.',
    part: { id: 'controllers.statefulset', learner: 'exercises/statefulset/ordering.ts', exportName: 'decideStatefulSetActions' },
  },
  {
    id: 'dns',
    title: 'Cluster DNS: Services and headless Services',
    file: 'dns.yaml',
    watch:
      'The logs of "lookup": its resolv.conf, then the Service\'s ClusterIP for web, one address per pod for web-headless, and nginx\'s title fetched by name.',
  },
  {
    id: 'deployment',
    title: 'A rolling update',
    file: 'deployment.yaml',
    watch:
      'Wait for 4 Running pods, change the image to nginx:1.28 and apply again: the ScalingReplicaSet events move the new ReplicaSet up and the old one down one pod at a time, never below 4 available.',
    part: { id: 'controllers.deployment', learner: 'exercises/controllers/deployment/rolling-update.ts', exportName: 'rollingUpdate' },
  },
  {
    id: 'nginx',
    title: 'nginx Deployment',
    file: 'nginx.yaml',
    watch: 'Three nginx pods go Pending, ContainerCreating, Running, one per node; the API trace shows who wrote what.',
    general: true,
  },
  {
    id: 'service-wget',
    title: 'Service + busybox wget',
    file: 'service-wget.yaml',
    watch: 'The logs of "client": nginx\'s welcome page, fetched through the Service once it has ready endpoints.',
    general: true,
  },
  {
    id: 'statefulset-web',
    title: 'StatefulSet web',
    file: 'statefulset-web.yaml',
    watch: 'web-0 starts first, web-1 only once web-0 is Ready.',
    general: true,
  },
  {
    id: 'job',
    title: 'Job',
    file: 'job.yaml',
    watch: 'Two pods run to completion one after the other (Succeeded); each one\'s logs: 3.14159.',
    general: true,
  },
];
