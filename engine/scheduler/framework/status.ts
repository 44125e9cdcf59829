/**
 * The closed set of outcomes a plugin reports (KK pkg/scheduler/framework/interface.go: Code,
 * Status). Expected outcomes — "this node does not fit" — are Statuses, never exceptions.
 *
 * - Unschedulable: the node does not fit now, but preemption or a cluster change might help.
 * - UnschedulableAndUnresolvable: no change short of editing the pod or node helps (e.g. a
 *   nodeSelector that the node's labels do not match); preemption skips such nodes.
 * - Skip: a PreFilter/PreScore plugin says its Filter/Score has nothing to do for this pod.
 */
export const Code = {
  Success: 'Success',
  Error: 'Error',
  Unschedulable: 'Unschedulable',
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  Skip: 'Skip',
} as const;

export type Code = (typeof Code)[keyof typeof Code];

export interface Status {
  readonly code: Code;
  /** Human-readable reasons; each becomes one entry of the `0/N nodes are available:` histogram. */
  readonly reasons: readonly string[];
  /** The plugin that produced a non-success status (set by the framework). */
  readonly plugin?: string;
}

const SUCCESS: Status = Object.freeze({ code: Code.Success, reasons: Object.freeze([]) as readonly string[] });
const SKIP: Status = Object.freeze({ code: Code.Skip, reasons: Object.freeze([]) as readonly string[] });

export const success = (): Status => SUCCESS;
export const skip = (): Status => SKIP;
export const unschedulable = (...reasons: string[]): Status => ({ code: Code.Unschedulable, reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: Code.UnschedulableAndUnresolvable, reasons });
export const asError = (err: unknown): Status => ({ code: Code.Error, reasons: [err instanceof Error ? err.message : String(err)] });

export const isSuccess = (s: Status | undefined): boolean => !s || s.code === Code.Success;
/** Unschedulable or UnschedulableAndUnresolvable: the node was rejected, not an internal error. */
export const isRejected = (s: Status): boolean => s.code === Code.Unschedulable || s.code === Code.UnschedulableAndUnresolvable;

const tagged = new WeakMap<Status, Map<string, Status>>();

/**
 * The status tagged with the plugin that produced it. Plugins return frozen constants for fixed
 * reasons (see `constant`); their tagged copies are made once, not once per rejected node.
 */
export function withPlugin(s: Status, plugin: string): Status {
  if (s.plugin === plugin) return s;
  if (!Object.isFrozen(s)) return { ...s, plugin };
  let byPlugin = tagged.get(s);
  if (!byPlugin) tagged.set(s, (byPlugin = new Map()));
  let t = byPlugin.get(plugin);
  if (!t) byPlugin.set(plugin, (t = Object.freeze({ ...s, plugin })));
  return t;
}

/** A frozen status for a fixed reason, to return from Filter for every rejected node. */
export function constant(s: Status): Status {
  return Object.freeze({ ...s, reasons: Object.freeze([...s.reasons]) });
}
