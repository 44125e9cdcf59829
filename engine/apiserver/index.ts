export * from './types.ts';
export * from './api-server.ts';
export * from './admission/index.ts';
export * from './strategies/index.ts';
export * from './registry/index.ts';
export * from './handlers/index.ts';
