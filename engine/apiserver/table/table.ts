/**
 * Server-side printing: the meta.k8s.io/v1 Table the apiserver answers for
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (apiserver pkg/registry/rest
 * TableConvertor; the per-kind columns are pkg/printers/internalversion/printers.go, printed with
 * Wide on so that every column travels and kubectl shows priority-0 ones unless `-o wide`).
 * Kinds without a printer get NAME and AGE (rest.DefaultTableConvertor).
 */
import type { KubeObject, ListMeta } from '../../api/object.ts';
import { apiVersionOf, type ResourceInfo } from '../../api/resources.ts';
import { AGE_DESCRIPTION, NAME_COLUMN } from './columns.ts';
import { configMapPrinter, endpointsPrinter, eventPrinter, namespacePrinter, nodePrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core.ts';
import { timestampSince } from './duration.ts';
import { endpointSlicePrinter, ingressClassPrinter, ingressPrinter, leasePrinter, storageClassPrinter } from './other.ts';
import { podPrinter } from './pods.ts';
import type { Printer, Table, TableRow } from './types.ts';
import { controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads.ts';

/** Printers by `group/version/plural` ('' group for core). */
export const PRINTERS: Readonly<Record<string, Printer>> = {
  'v1/pods': podPrinter,
  'v1/services': servicePrinter,
  'v1/nodes': nodePrinter,
  'v1/namespaces': namespacePrinter,
  'v1/events': eventPrinter,
  'v1/configmaps': configMapPrinter,
  'v1/secrets': secretPrinter,
  'v1/serviceaccounts': serviceAccountPrinter,
  'v1/endpoints': endpointsPrinter,
  'v1/persistentvolumes': persistentVolumePrinter,
  'v1/persistentvolumeclaims': persistentVolumeClaimPrinter,
  'apps/v1/deployments': deploymentPrinter,
  'apps/v1/replicasets': replicaSetPrinter,
  'apps/v1/daemonsets': daemonSetPrinter,
  'apps/v1/statefulsets': statefulSetPrinter,
  'apps/v1/controllerrevisions': controllerRevisionPrinter,
  'batch/v1/jobs': jobPrinter,
  'batch/v1/cronjobs': cronJobPrinter,
  'coordination.k8s.io/v1/leases': leasePrinter,
  'networking.k8s.io/v1/ingresses': ingressPrinter,
  'networking.k8s.io/v1/ingressclasses': ingressClassPrinter,
  'discovery.k8s.io/v1/endpointslices': endpointSlicePrinter,
  'storage.k8s.io/v1/storageclasses': storageClassPrinter,
};

const defaultPrinter: Printer = {
  columns: [{ name: 'Age', type: 'string', format: '', description: AGE_DESCRIPTION, priority: 0 }],
  cells: (o, now) => [o.metadata?.name ?? '', timestampSince(now, o.metadata?.creationTimestamp)],
};

export interface ToTableOptions {
  /** The server's clock, ms since the epoch: ages are computed against it. */
  now: number;
  listMeta?: ListMeta;
  /** What rows[].object holds: nothing, the object, or (default, as kubectl asks) PartialObjectMetadata. */
  includeObject?: 'None' | 'Object' | 'Metadata';
}

export function printerFor(info: Pick<ResourceInfo, 'group' | 'version' | 'plural'>): Printer {
  return PRINTERS[`${apiVersionOf(info)}/${info.plural}`] ?? defaultPrinter;
}

export function toTable(info: ResourceInfo, objects: KubeObject[], options: ToTableOptions): Table {
  const printer = printerFor(info);
  const include = options.includeObject ?? 'Metadata';
  const rows = objects.map((o): TableRow => {
    const row: TableRow = { cells: printer.cells(o, options.now) };
    const conditions = printer.conditions?.(o);
    if (conditions) row.conditions = conditions;
    if (include === 'Object') row.object = o;
    else if (include === 'Metadata') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.listMeta ?? {},
    columnDefinitions: printer.ownNameColumn ? [...printer.columns] : [NAME_COLUMN, ...printer.columns],
    rows,
  };
}
