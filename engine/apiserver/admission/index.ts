export * from './types.ts';
export * from './chain.ts';
export * from './default-toleration-seconds.ts';
export * from './service-account.ts';
export * from './default-storage-class.ts';
export * from './storage-object-in-use-protection.ts';
