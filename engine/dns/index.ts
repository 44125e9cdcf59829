export * from './kubernetes-records.ts';
export * from './cluster-dns.ts';
