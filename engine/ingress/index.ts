export * from './path-match.ts';
export * from './host-rules.ts';
export * from './ingress-class.ts';
export * from './backends.ts';
export * from './error-pages.ts';
export * from './serve-request.ts';
export * from './ingress-controller.ts';
