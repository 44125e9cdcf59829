/**
 * The `tinykube` command (package.json "bin" → bin/tinykube.mjs → this file).
 *
 *   tinykube up [options]   a cluster whose API the real kubectl can use (cli/up/)
 *   tinykube --help
 *
 * Exit codes: 0 after a clean shutdown or help, 1 on a startup failure, 2 on a usage error.
 */
import { parseUpArgs, readyMessage, startUp, UP_USAGE, UpError, type RunningUp } from './up/index.ts';

const USAGE = `Usage: tinykube <command> [options]

Commands:
  up        start a simulated cluster and serve the Kubernetes API for kubectl
            (tinykube up --help for its options)

The course itself: npm start. The grader: npm run grade.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'up') {
    console.error(`tinykube: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  const args = parseUpArgs(rest);
  if (args.kind === 'help') {
    console.log(UP_USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    console.error(`tinykube up: ${args.message}`);
    return 2;
  }
  for (const w of args.warnings) console.error(`tinykube: warning: ${w}`);

  let up: RunningUp;
  try {
    up = await startUp(args.options, { log: (l) => console.log(`tinykube: ${l}`), warn: (l) => console.error(`tinykube: warning: ${l}`) });
  } catch (err) {
    if (err instanceof UpError) {
      console.error(`tinykube up: ${err.message}`);
      return 1;
    }
    throw err;
  }
  console.log(readyMessage(up, args.options));

  // First signal: clean shutdown. Second: exit at once (the user insists).
  return new Promise<number>((resolveExit) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        console.error(`tinykube: ${signal} again, exiting without finishing the shutdown`);
        process.exit(130);
      }
      signalled = true;
      console.log(`tinykube: ${signal}: shutting down (stop accepting, close watches, stop the cluster, flush the store)`);
      up.stop().then(
        () => {
          console.log('tinykube: stopped');
          resolveExit(0);
        },
        (err: unknown) => {
          console.error(`tinykube: shutdown failed: ${(err as Error).stack ?? String(err)}`);
          resolveExit(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`tinykube: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
