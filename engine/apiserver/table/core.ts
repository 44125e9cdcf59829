/**
 * Printers of core/v1 kinds (pkg/printers/internalversion/printers.go: printService, printNode,
 * printNamespace, printEvent, printConfigMap, printSecret, printServiceAccount, printEndpoints,
 * printPersistentVolume, printPersistentVolumeClaim).
 */
import type { KubeObject } from '../../api/object.ts';
import { arr, col, formatLabels, num, obj, quantity, spec, status, str, type Obj } from './columns.ts';
import { timestampSince } from './duration.ts';
import type { Printer } from './types.ts';

const name = (o: KubeObject) => o.metadata?.name ?? '';
const age = (o: KubeObject, now: number) => timestampSince(now, o.metadata?.creationTimestamp);

/** printers.go loadBalancerStatusStringer: ingress IPs and hostnames, comma-joined. */
export function loadBalancerIngress(lb: unknown): string {
  return arr(obj(lb).ingress)
    .flatMap((i) => [str(i.ip), str(i.hostname)].filter(Boolean))
    .join(',');
}

function externalIP(svc: KubeObject): string {
  const sp = spec(svc);
  const ext = Array.isArray(sp.externalIPs) ? (sp.externalIPs as string[]) : [];
  switch (str(sp.type) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(status(svc).loadBalancer);
      const all = [...(lb ? lb.split(',') : []), ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(sp.externalName);
  }
  return '<unknown>';
}

/** printers.go makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
function ports(svc: KubeObject): string {
  const ps = arr(spec(svc).ports);
  if (ps.length === 0) return '<none>';
  return ps.map((p) => (num(p.nodePort) ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol) || 'TCP'}` : `${num(p.port)}/${str(p.protocol) || 'TCP'}`)).join(',');
}

export const servicePrinter: Printer = {
  columns: [
    col('Type', 'string', false, 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', false, 'clusterIP is the IP address of the service and is usually assigned randomly by the master.'),
    col('External-IP', 'string', false, 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'string', false, 'The list of ports that are exposed by this service.'),
    col('Age'),
    col('Selector', 'string', true, 'Route service traffic to pods with label keys and values matching this selector.'),
  ],
  cells(o, now) {
    const sp = spec(o);
    return [name(o), str(sp.type) || 'ClusterIP', str(sp.clusterIP) || '<none>', externalIP(o), ports(o), age(o, now), formatLabels(sp.selector)];
  },
};

/** printers.go findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const address = (node: KubeObject, type: string) => str(arr(status(node).addresses).find((a) => a.type === type)?.address) || '<none>';

export const nodePrinter: Printer = {
  columns: [
    col('Status', 'string', false, 'The status of the node'),
    col('Roles', 'string', false, 'The roles of the node'),
    col('Age'),
    col('Version', 'string', false, 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', true, 'List of addresses reachable to the node.'),
    col('External-IP', 'string', true, 'List of addresses reachable to the node.'),
    col('OS-Image', 'string', true, 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
    col('Kernel-Version', 'string', true, "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
    col('Container-Runtime', 'string', true, 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
  ],
  cells(o, now) {
    const ready = arr(status(o).conditions).find((c) => c.type === 'Ready');
    const st: string[] = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (spec(o).unschedulable === true) st.push('SchedulingDisabled');
    const info = obj(status(o).nodeInfo);
    return [name(o), st.join(','), nodeRoles(o), age(o, now), str(info.kubeletVersion), address(o, 'InternalIP'), address(o, 'ExternalIP'), str(info.osImage) || '<unknown>', str(info.kernelVersion) || '<unknown>', str(info.containerRuntimeVersion) || '<unknown>'];
  },
};

export const namespacePrinter: Printer = {
  columns: [col('Status', 'string', false, 'The status of the namespace'), col('Age')],
  cells: (o, now) => [name(o), str(status(o).phase), age(o, now)],
};

/** printers.go formatEventSource: `component, host` (new-style reportingController/Instance as fallback). */
function eventSource(e: Obj): string {
  const src = obj(e.source);
  const component = str(src.component) || str(e.reportingComponent);
  const instance = str(src.host) || str(e.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'string', false, 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', false, 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col('Reason', 'string', false, 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'string', false, 'The object that this event is about.'),
    col('Subobject', 'string', true, 'The subobject that this event is about.'),
    col('Source', 'string', true, 'The component reporting this event. Should be a short machine understandable string.'),
    col('Message', 'string', false, 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', true, 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
    col('Count', 'integer', true, 'The number of times this event has occurred.'),
    col('Name', 'string', true, 'Name of the event.'),
  ],
  // The Name column is the last (wide) one for events: the name is not the first cell.
  ownNameColumn: true,
  cells(o, now) {
    const e = o as Obj;
    const first = str(e.firstTimestamp) ? timestampSince(now, str(e.firstTimestamp)) : timestampSince(now, str(e.eventTime));
    let last = str(e.lastTimestamp) ? timestampSince(now, str(e.lastTimestamp)) : first;
    let count = num(e.count);
    const series = e.series ? obj(e.series) : undefined;
    if (series) {
      last = timestampSince(now, str(series.lastObservedTime));
      count = num(series.count);
    } else if (count === 0) count = 1;
    const inv = obj(e.involvedObject);
    const target = str(inv.name) ? `${str(inv.kind).toLowerCase()}/${str(inv.name)}` : str(inv.kind).toLowerCase();
    return [last, str(e.type), str(e.reason), target, str(inv.fieldPath), eventSource(e), str(e.message).trim(), first, count, name(o)];
  },
};

export const configMapPrinter: Printer = {
  columns: [col('Data', 'integer', false, 'Data contains the configuration data.'), col('Age')],
  cells: (o, now) => [name(o), Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length, age(o, now)],
};

export const secretPrinter: Printer = {
  columns: [col('Type', 'string', false, 'The type of the secret'), col('Data', 'integer', false, 'The number of data items in the secret.'), col('Age')],
  cells: (o, now) => [name(o), str(o.type), Object.keys(obj(o.data)).length, age(o, now)],
};

export const serviceAccountPrinter: Printer = {
  columns: [col('Secrets', 'integer', false, 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), col('Age')],
  cells: (o, now) => [name(o), arr(o.secrets).length, age(o, now)],
};

/** printers.go formatEndpoints: up to three `ip:port`, then " + N more...". */
function formatEndpoints(o: KubeObject): string {
  const subsets = arr(o.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const max = 3;
  for (const ss of subsets) {
    const addrs = arr(ss.addresses);
    const ps = arr(ss.ports);
    const targets = ps.length === 0 ? addrs.map((a) => str(a.ip)) : ps.flatMap((p) => addrs.map((a) => (str(a.ip).includes(':') ? `[${str(a.ip)}]:${num(p.port)}` : `${str(a.ip)}:${num(p.port)}`)));
    count += targets.length;
    for (const t of targets) if (list.length < max) list.push(t);
  }
  const ret = list.join(',');
  return count > max ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [col('Endpoints', 'string', false, 'Endpoints is the list of endpoints in the object.'), col('Age')],
  cells: (o, now) => [name(o), formatEndpoints(o), age(o, now)],
};

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModes(modes: unknown): string {
  const m = Array.isArray(modes) ? (modes as string[]) : [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

export const persistentVolumePrinter: Printer = {
  columns: [
    col('Capacity'),
    col('Access Modes'),
    col('Reclaim Policy'),
    col('Status'),
    col('Claim'),
    col('StorageClass'),
    col('VolumeAttributesClass'),
    col('Reason'),
    col('Age'),
    col('VolumeMode', 'string', true),
  ],
  cells(o, now) {
    const sp = spec(o);
    const ref = obj(sp.claimRef);
    const claim = str(ref.name) ? `${str(ref.namespace)}/${str(ref.name)}` : '';
    // printPersistentVolume: a volume being deleted (held by pv-protection) shows Terminating.
    const phase = o.metadata?.deletionTimestamp ? 'Terminating' : str(status(o).phase);
    return [name(o), quantity(obj(sp.capacity).storage), accessModes(sp.accessModes), str(sp.persistentVolumeReclaimPolicy), phase, claim, str(sp.storageClassName), str(sp.volumeAttributesClassName) || '<unset>', str(status(o).reason), age(o, now), str(sp.volumeMode) || '<unset>'];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), col('VolumeMode', 'string', true)],
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const bound = str(st.phase) === 'Bound';
    // printPersistentVolumeClaim: a claim being deleted (held by pvc-protection) shows Terminating.
    return [name(o), o.metadata?.deletionTimestamp ? 'Terminating' : str(st.phase), str(sp.volumeName), bound ? quantity(obj(st.capacity).storage) : '', bound ? accessModes(st.accessModes) : '', str(sp.storageClassName), str(sp.volumeAttributesClassName) || '<unset>', age(o, now), str(sp.volumeMode) || '<unset>'];
  },
};
