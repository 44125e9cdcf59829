export { toTable, printerFor, PRINTERS, type ToTableOptions } from './table.ts';
export { humanDuration, timestampSince } from './duration.ts';
export { podStatusSummary } from './pods.ts';
export type { Table, TableColumnDefinition, TableRow, TableRowCondition, Printer, Cell } from './types.ts';
