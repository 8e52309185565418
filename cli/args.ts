import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../core/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with usage errors turned into ConfigError (exit 64), naming the command. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (error) {
    throw new ConfigError('usage', [{ path: command, message: (error as Error).message.replace(/\. To specify.*$/s, '') }], `run \`greenlight ${command} --help\``);
  }
}

export function list(value: string | undefined): string[] | undefined {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}
