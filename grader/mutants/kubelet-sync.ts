/** Typical mistakes in `kubelet.sync` (computePodActions); the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'kubelet.sync',
  mutants: [
    {
      name: 'init-containers-skipped',
      mistake: 'starts the app containers at once instead of running the init containers one by one first',
      make: (ref) => (pod, view, probes) => {
        const a = ref(pod, view, probes);
        if (!a.nextInitContainerToStart) return a;
        return { ...a, nextInitContainerToStart: undefined, containersToStart: (pod.spec?.containers ?? []).map((c) => c.name) };
      },
    },
    {
      name: 'ignores-restart-policy',
      mistake: 'restarts every container that is not running, whatever the restartPolicy',
      make: (ref) => (pod, view, probes) => ref({ ...pod, spec: { ...pod.spec!, restartPolicy: 'Always' } }, view, probes),
    },
    {
      name: 'on-failure-as-never',
      mistake: 'treats OnFailure like Never: a container that failed is not restarted',
      make: (ref) => (pod, view, probes) => ref(pod.spec?.restartPolicy === 'OnFailure' ? { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } } : pod, view, probes),
    },
    {
      name: 'ignores-liveness',
      mistake: 'ignores failed liveness probes: an unhealthy container is never restarted',
      make: (ref) => (pod, view) => ref(pod, view, {}),
    },
    {
      name: 'reuses-dead-sandbox',
      mistake: 'keeps using a sandbox that is no longer ready instead of creating the next attempt',
      make: (ref) => (pod, view, probes) => ref(pod, { ...view, sandboxes: view.sandboxes.map((s) => ({ ...s, ready: true })) }, probes),
    },
  ],
});
