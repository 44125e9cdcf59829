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

const MB = 1024 * 1024;
const minThreshold = 23 * MB;
const maxContainerThreshold = 1000 * MB;
const STATE_KEY = 'PreScore' + Names.ImageLocality;

/** normalizedImageName: an image without a tag means `:latest`. */
export function normalizedImageName(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  if (name.includes('@') || name.slice(lastSlash + 1).includes(':')) return name;
  return `${name}:latest`;
}

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
      const wanted = new Set(containers(pod).map((c) => normalizedImageName(c.image ?? '')));
      const images = new Map<string, { size: number; numNodes: number }>();
      const all = handle.allNodes();
      for (const ni of all) {
        for (const img of ni.node.status?.images ?? []) {
          for (const n of img.names ?? []) {
            const name = normalizedImageName(n);
            if (!wanted.has(name)) continue;
            const e = images.get(name) ?? { size: img.sizeBytes ?? 0, numNodes: 0 };
            e.numNodes++;
            images.set(name, e);
          }
        }
      }
      if (images.size === 0) return skip();
      state.write(STATE_KEY, { images, totalNodes: all.length } satisfies ImageSpread);
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
