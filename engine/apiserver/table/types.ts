/** meta.k8s.io/v1 Table (apimachinery pkg/apis/meta/v1 types.go: Table, TableColumnDefinition, TableRow). */
import type { KubeObject, ListMeta } from '../../api/object.ts';

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0: shown by default; > 0: only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export type Cell = string | number | boolean;

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: KubeObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** One printer: the columns after NAME, and a function giving a row's cells (NAME included). */
export interface Printer {
  columns: TableColumnDefinition[];
  /** The columns list their own Name column (events: LAST SEEN first, NAME last and wide). */
  ownNameColumn?: boolean;
  /** Cells for every column, wide ones included (the apiserver prints wide; kubectl hides them). */
  cells(obj: KubeObject, now: number): Cell[];
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}
