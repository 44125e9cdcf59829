export * from './keys.ts';
export * from './codec.ts';
export * from './names.ts';
export * from './object-store.ts';
export * from './lease-manager.ts';
export * from './continue-token.ts';
export * from './resource-version.ts';
export * from './namespace-view.ts';
