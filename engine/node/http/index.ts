export * from './server.ts';
export { route, type Route } from './router.ts';
export { MAX_BODY_BYTES } from './body.ts';
