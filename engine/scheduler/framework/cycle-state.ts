/**
 * CycleState (KK pkg/scheduler/framework/cycle_state.go): scratch space for one scheduling cycle
 * of one pod. PreFilter/PreScore plugins compute per-pod data once (the pod's requests, its
 * topology-spread counts) and Filter/Score read it for every node. It is thrown away after the
 * cycle, so nothing in it may outlive the pod's attempt.
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter/PreScore returned Skip: their Filter/Score are not run. */
  readonly skipFilterPlugins = new Set<string>();
  readonly skipScorePlugins = new Set<string>();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}
