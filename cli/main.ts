/** Entry point of `npm run cli -- <verb>` (bundled to dist/node/cli.mjs). */
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  now: () => Date.now(),
});
