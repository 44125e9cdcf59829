/**
 * ImageLocality (KK plugins/imagelocality/image_locality.go): favours nodes that already hold
 * the pod's images (node.status.images), so less is pulled. Each present image counts its size
 * scaled by how widely it is spread (nodes having it / all nodes) — an image on every node gives
 * no reason to prefer one. The sum is mapped linearly from [23 MB, 1000 MB × containers] to 0..100.
 */
import type { corev1 } from '../../api/types.ts';
import type { EnqueueExtensions, Handle, PreScorePlugin, ScorePlugin } from '../framework/interface.ts';
import { skip, success } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';
import { normalizedImageName } from '../framework/image.ts';

const MB = 1024 * 1024;
const minThreshold = 23 * MB;
const maxContainerThreshold = 1000 * MB;
const STATE_KEY = 'PreScore' + Names.ImageLocality;

export { normalizedImageName };

interface ImageSpread {
  /** image name → { size, nodes having it } over all nodes. */
  images: Map<string, { size: number; numNodes: number }>;
  totalNodes: number;
}

export function newImageLocality(handle: Handle): PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const containers = (pod: corev1.Pod) => [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return {
    name: Names.ImageLocality,
    preScore(state, pod) {
      // The cache keeps a per-image summary (size, how many nodes have it) across all nodes.
      const summary = handle.imageStates();
      const images = new Map<string, { size: number; numNodes: number }>();
      for (const c of containers(pod)) {
        const name = normalizedImageName(c.image ?? '');
        const st = summary.get(name);
        if (st) images.set(name, st);
      }
      if (images.size === 0) return skip();
      state.write(STATE_KEY, { images, totalNodes: handle.allNodes().length } satisfies ImageSpread);
      return success();
    },
    score(state, pod, node) {
      const spread = state.read<ImageSpread>(STATE_KEY);
      if (!spread) return 0;
      const onNode = new Set<string>();
      for (const img of node.node.status?.images ?? []) for (const n of img.names ?? []) onNode.add(normalizedImageName(n));
      let sum = 0;
      const cs = pod.spec?.containers ?? [];
      for (const c of containers(pod)) {
        const name = normalizedImageName(c.image ?? '');
        const e = spread.images.get(name);
        if (e && onNode.has(name)) sum += Math.floor(e.size * (e.numNodes / spread.totalNodes));
      }
      const maxThreshold = maxContainerThreshold * Math.max(1, cs.length);
      const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold);
      return Math.floor((MAX_NODE_SCORE * (clamped - minThreshold)) / (maxThreshold - minThreshold));
    },
    eventsToRegister: () => [],
  };
}
