import { redactText } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  time: number;
  scope: string;
  message: string;
}

/** Structured, redacting logger. Progress renderers subscribe to its records. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

export type LogSink = (record: LogRecord) => void;

export function createLogger(sink: LogSink, options: { scope?: string; secrets?: () => readonly string[]; now?: () => number } = {}): Logger {
  const scope = options.scope ?? 'greenlight';
  const now = options.now ?? Date.now;
  const emit = (level: LogLevel) => (message: string) =>
    sink({ level, time: now(), scope, message: redactText(message, options.secrets?.() ?? []) });
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (child) => createLogger(sink, { ...options, scope: `${scope}:${child}` }),
  };
}

export const silentLogger: Logger = createLogger(() => {});
