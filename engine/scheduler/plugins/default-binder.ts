/**
 * DefaultBinder (KK plugins/defaultbinder/default_binder.go): POSTs a Binding to the pod's
 * `binding` subresource; the apiserver sets spec.nodeName and PodScheduled=True in one write.
 */
import { isStatusError } from '../../api/errors.ts';
import type { BindPlugin, Handle } from '../framework/interface.ts';
import { asError, success } from '../framework/status.ts';
import { Names } from './names.ts';

export function newDefaultBinder(handle: Handle): BindPlugin {
  return {
    name: Names.DefaultBinder,
    async bind(pod, nodeName) {
      const ns = pod.metadata?.namespace ?? 'default';
      const name = pod.metadata?.name ?? '';
      try {
        await handle.client.pods(ns).bind(name, {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace: ns, uid: pod.metadata?.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
        });
        return success();
      } catch (err) {
        if (isStatusError(err)) return asError(err);
        throw err;
      }
    },
  };
}
