export * from './clock.ts';
export * from './random.ts';
export * from './deep-freeze.ts';
