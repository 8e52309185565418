#!/usr/bin/env node
import { main } from './main.ts';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signals: process,
});
process.exitCode = code;
// Some dependencies (WebAssembly runtimes) reset process.exitCode from their own timers; the verdict's code wins.
process.once('exit', () => {
  process.exitCode = code;
});
