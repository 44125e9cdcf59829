/**
 * The lifecycle every long-running piece of the cluster shares: the scheduler, each controller,
 * each kubelet, each node's runtime. The cluster starts them after the apiserver and stops them
 * before it.
 */
export interface Component {
  /** e.g. 'kube-scheduler', 'replicaset-controller', 'kubelet/node-1'. */
  readonly name: string;
  /** Starts informers, timers and workers; resolves once the component is running. */
  start(): Promise<void>;
  /** Stops everything it started; resolves once no more work will happen. Safe to call twice. */
  stop(): Promise<void>;
}
