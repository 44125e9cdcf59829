/**
 * Printers of the remaining groups (pkg/printers/internalversion/printers.go: printLease,
 * printIngress, printIngressClass, printEndpointSlice, printStorageClass).
 */
import type { KubeObject } from '../../api/object.ts';
import { arr, col, obj, spec, status, str } from './columns.ts';
import { loadBalancerIngress } from './core.ts';
import { timestampSince } from './duration.ts';
import type { Printer } from './types.ts';

const name = (o: KubeObject) => o.metadata?.name ?? '';
const age = (o: KubeObject, now: number) => timestampSince(now, o.metadata?.creationTimestamp);

export const leasePrinter: Printer = {
  columns: [col('Holder', 'string', false, 'holderIdentity contains the identity of the holder of a current lease.'), col('Age')],
  cells: (o, now) => [name(o), str(spec(o).holderIdentity), age(o, now)],
};

/** printers.go formatHosts: up to three hosts, then " + N more...", `*` for a rule without host. */
function formatHosts(rules: ReturnType<typeof arr>): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rules) {
    if (list.length === max) {
      more = true;
      break;
    }
    list.push(str(r.host) || '*');
  }
  const ret = list.join(',');
  if (more) return `${ret} + ${rules.length - max} more...`;
  return ret || '*';
}

export const ingressPrinter: Printer = {
  columns: [
    col('Class', 'string', false, 'The name of the IngressClass resource.'),
    col('Hosts', 'string', false, 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', false, 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', false, 'Ports of TLS configurations that open'),
    col('Age'),
  ],
  cells(o, now) {
    const sp = spec(o);
    return [name(o), str(sp.ingressClassName) || '<none>', formatHosts(arr(sp.rules)), loadBalancerIngress(status(o).loadBalancer), arr(sp.tls).length ? '80, 443' : '80', age(o, now)];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [col('Controller', 'string', false, 'Controller that is responsible for handling this class'), col('Parameters', 'string', false, 'A reference to a resource with additional parameters'), col('Age')],
  cells(o, now) {
    const p = obj(spec(o).parameters);
    const params = str(p.kind) ? `${str(p.kind)}${str(p.apiGroup) ? `.${str(p.apiGroup)}` : ''}/${str(p.name)}` : '<none>';
    return [name(o), str(spec(o).controller), params, age(o, now)];
  },
};

export const endpointSlicePrinter: Printer = {
  columns: [col('AddressType', 'string', false, 'Type of address carried by this EndpointSlice'), col('Ports', 'string', false, 'Enumerated ports available from this EndpointSlice'), col('Endpoints', 'string', false, 'Enumerated endpoints available from this EndpointSlice'), col('Age')],
  cells(o, now) {
    const ports = arr(o.ports);
    const portStr = ports.length === 0 ? '<unset>' : ports.map((p) => (typeof p.port === 'number' ? String(p.port) : '<unset>')).join(',');
    const addrs = arr(o.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? (e.addresses as string[]) : []));
    const endpoints = addrs.length === 0 ? '<unset>' : addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
    return [name(o), str(o.addressType), portStr, endpoints, age(o, now)];
  },
};

export const storageClassPrinter: Printer = {
  columns: [col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion', 'string'), col('Age')],
  cells(o, now) {
    const isDefault = o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    const allow = o.allowVolumeExpansion;
    return [isDefault ? `${name(o)} (default)` : name(o), str(o.provisioner), str(o.reclaimPolicy) || 'Delete', str(o.volumeBindingMode) || 'Immediate', typeof allow === 'boolean' ? String(allow) : 'false', age(o, now)];
  },
};

