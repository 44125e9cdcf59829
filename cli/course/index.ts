export * from './state.ts';
export * from './screen.ts';
export * from './keys.ts';
export * from './watch.ts';
export * from './reset.ts';
export * from './runner.ts';
export * from './transcript.ts';
