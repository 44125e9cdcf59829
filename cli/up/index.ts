export * from './args.ts';
export * from './token.ts';
export * from './kubeconfig.ts';
export * from './learner-parts.ts';
export * from './up.ts';
export * from './http-forwarder.ts';
export * from './loopback-ports.ts';
export * from './ingress-tls.ts';
