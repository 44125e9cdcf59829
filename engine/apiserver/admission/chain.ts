/**
 * The admission chain (upstream: k8s.io/apiserver pkg/admission/chain.go): plugins run in a fixed
 * order; the first rejection wins and later plugins are not asked. The mutating phase (`admit`)
 * runs over every plugin before the validating phase (`validate`), with the object's defaults and
 * the strategy's preparation and validation in between.
 *
 * A plugin that throws is a bug, not a rejection: the chain turns it into a 500 InternalError
 * (`admission plugin "X" failed: ...`) so a broken plugin never half-applies a write.
 */
import { isStatusError, newInternalError, type StatusError } from '../../api/errors.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './types.ts';

export class AdmissionChain {
  constructor(readonly plugins: readonly AdmissionPlugin[]) {}

  /** Mutating phase: every plugin's `admit`, in order; returns the first rejection. */
  admit(attributes: AdmissionAttributes): StatusError | undefined {
    for (const p of this.plugins) {
      if (!p.admit) continue;
      const r = call(p, () => p.admit!(attributes));
      if (r) return r;
    }
    return undefined;
  }

  /** Validating phase: every plugin's `validate`, in order; returns the first rejection. */
  validate(attributes: AdmissionAttributes): StatusError | undefined {
    for (const p of this.plugins) {
      if (!p.validate) continue;
      const r = call(p, () => p.validate!(attributes));
      if (r) return r;
    }
    return undefined;
  }
}

function call(plugin: AdmissionPlugin, fn: () => StatusError | undefined): StatusError | undefined {
  try {
    const r = fn();
    if (r === undefined || r === null) return undefined;
    if (isStatusError(r)) return r;
    return newInternalError(`admission plugin "${plugin.name}" returned something that is not a StatusError`);
  } catch (err) {
    if (isStatusError(err)) return err;
    return newInternalError(`admission plugin "${plugin.name}" failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
