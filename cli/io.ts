import type { SignalSource } from '../core/runner/signals.ts';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything a command touches of the outside world, injected so tests call `main()` directly. */
export interface CliIO {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signals?: SignalSource;
  fetch?: typeof globalThis.fetch;
}

export function line(out: Output, text = ''): void {
  out.write(`${text}\n`);
}
