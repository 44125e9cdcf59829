/**
 * Which container of a pod `GET .../pods/{name}/log` reads (upstream
 * pkg/registry/core/pod/strategy.go LogLocation): the only container when the pod has one, else
 * the one named; its runtime id (containerd://<id> in the pod status), or the previous
 * instance's with `previous`. The 400s carry upstream's words, which kubectl prints as they are.
 * Used by the HTTP server (engine/node/http/logs.ts) and by the site's playground.
 */
import type { corev1 } from '../../api/types.ts';
import { newBadRequest } from '../../api/errors.ts';

/** Which container, and its runtime id (containerd://<id> in the pod status), or a 400 as upstream says it. */
export function resolveLogContainer(pod: corev1.Pod, container: string | undefined, previous: boolean): { name: string; id: string } {
  const podName = pod.metadata?.name ?? '';
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const initNames = (pod.spec?.initContainers ?? []).map((c) => c.name);
  let name = container;
  if (name === undefined) {
    if (names.length !== 1) {
      let msg = `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`;
      if (initNames.length) msg += ` or one of the init containers: [${initNames.join(' ')}]`;
      throw newBadRequest(msg);
    }
    name = names[0]!;
  }
  if (!names.includes(name) && !initNames.includes(name)) throw newBadRequest(`container ${name} is not valid for pod ${podName}`);
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const st = statuses.find((s) => s.name === name);
  if (previous) {
    const id = st?.lastState?.terminated?.containerID;
    if (!id) throw newBadRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return { name, id: id.replace(/^[a-z]+:\/\//, '') };
  }
  const id = st?.containerID;
  if (!id) {
    const reason = st?.state?.waiting?.reason ?? 'ContainerCreating';
    throw newBadRequest(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  return { name, id: id.replace(/^[a-z]+:\/\//, '') };
}
