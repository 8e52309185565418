import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { execa } from 'execa';

/** The Flyway CLI, when installed: `FLYWAY_BIN`, else `flyway` on PATH. */
export function findFlyway(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FLYWAY_BIN) return env.FLYWAY_BIN;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'flyway');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export class FlywayCliError extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(`flyway: ${errorCode}: ${message}`);
    this.name = 'FlywayCliError';
    this.errorCode = errorCode;
  }
}

export interface FlywayInfoEntry {
  version: string | null;
  description: string;
  type: string;
  state: string;
  script: string;
}

export interface FlywayMigrateResult {
  success: boolean;
  initialVersion: string | null;
  targetVersion: string | null;
  applied: { version: string | null; description: string; type: string; script: string; executionTimeMs: number }[];
  error?: { errorCode: string; message: string; sqlState?: string; line?: number; script?: string };
}

export interface FlywayValidateResult {
  valid: boolean;
  issues: { code: string; version: string | null; script: string; message: string }[];
}

/** JDBC arguments for a postgres:// URL. The password goes through the environment, never argv. */
export function flywayConnection(databaseUrl: string): { args: string[]; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const jdbc = `jdbc:postgresql://${url.hostname}:${url.port || '5432'}${url.pathname}`;
  const env: Record<string, string> = {};
  if (url.password) env.FLYWAY_PASSWORD = decodeURIComponent(url.password);
  return { args: [`-url=${jdbc}`, ...(url.username ? [`-user=${decodeURIComponent(url.username)}`] : [])], env };
}

type Json = Record<string, any>;

export interface FlywayRunOptions {
  bin: string;
  databaseUrl: string;
  dir: string;
  extraArgs?: readonly string[];
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Runs `flyway <command> -outputType=json`; anything but a JSON result is an error (fail closed). */
export async function runFlyway(command: 'info' | 'validate' | 'migrate', options: FlywayRunOptions): Promise<Json> {
  const connection = flywayConnection(options.databaseUrl);
  const args = [
    command,
    '-outputType=json',
    ...connection.args,
    `-locations=filesystem:${resolve(options.dir)}`,
    '-validateMigrationNaming=true',
    // Flyway's default transactional lock makes CREATE INDEX CONCURRENTLY wait forever (flyway#3492).
    '-postgresql.transactional.lock=false',
    ...(options.extraArgs ?? []),
  ];
  const result = await execa(options.bin, args, {
    reject: false,
    env: connection.env,
    cancelSignal: options.signal,
    timeout: options.timeoutMs ?? 600_000,
    stdin: 'ignore',
  });
  let output: Json;
  try {
    output = JSON.parse(result.stdout);
  } catch {
    const why = result.timedOut ? 'timed out' : result.failed && result.exitCode === undefined ? (result.shortMessage ?? 'could not start') : `exit code ${result.exitCode}`;
    throw new FlywayCliError('NO_JSON_OUTPUT', `${command} printed no JSON result (${why}): ${result.stderr.slice(0, 500)}`);
  }
  if (output.error && command !== 'migrate') throw new FlywayCliError(String(output.error.errorCode ?? 'ERROR'), String(output.error.message ?? ''));
  if (result.exitCode !== 0 && !output.error && command !== 'validate') throw new FlywayCliError('EXIT_CODE', `${command} exited with ${result.exitCode} without reporting an error`);
  return output;
}

export function mapInfo(output: Json): FlywayInfoEntry[] {
  return (output.migrations ?? []).map((m: Json) => ({
    version: m.version ? String(m.version) : null,
    description: String(m.description ?? ''),
    type: String(m.type ?? ''),
    state: String(m.state ?? ''),
    script: String(m.filepath ?? ''),
  }));
}

export function mapMigrate(output: Json): FlywayMigrateResult {
  const error = output.error
    ? { errorCode: String(output.error.errorCode ?? 'ERROR'), message: String(output.error.message ?? ''), sqlState: output.error.sqlState ?? undefined, line: output.error.lineNumber ?? undefined, script: output.error.path ?? undefined }
    : undefined;
  return {
    success: output.success === true && !error,
    initialVersion: output.initialSchemaVersion ?? null,
    targetVersion: output.targetSchemaVersion ?? null,
    applied: (output.migrations ?? []).map((m: Json) => ({ version: m.version ? String(m.version) : null, description: String(m.description ?? ''), type: String(m.type ?? ''), script: String(m.filepath ?? ''), executionTimeMs: Number(m.executionTime ?? 0) })),
    error,
  };
}

export function mapValidate(output: Json): FlywayValidateResult {
  const issues = (output.invalidMigrations ?? []).map((m: Json) => ({
    code: String(m.errorDetails?.errorCode ?? 'VALIDATE_ERROR'),
    version: m.version ? String(m.version) : null,
    script: String(m.filepath ?? ''),
    message: String(m.errorDetails?.errorMessage ?? ''),
  }));
  if (output.error) issues.push({ code: String(output.error.errorCode ?? 'VALIDATE_ERROR'), version: null, script: '', message: String(output.error.message ?? '') });
  return { valid: output.validationSuccessful === true && issues.length === 0, issues };
}

export interface FlywayCliRun {
  info: FlywayInfoEntry[];
  migrate: FlywayMigrateResult;
  /** After migrate; pending is not an error at that point. */
  validate?: FlywayValidateResult;
}

/** `info`, `migrate`, then `validate` with the Flyway CLI against a database (a clone: it is written). */
export async function flywayMigrateAndValidate(options: FlywayRunOptions & { target?: string }): Promise<FlywayCliRun> {
  const extraArgs = [...(options.extraArgs ?? []), ...(options.target ? [`-target=${options.target}`] : [])];
  const info = mapInfo(await runFlyway('info', { ...options, extraArgs }));
  const migrate = mapMigrate(await runFlyway('migrate', { ...options, extraArgs }));
  if (!migrate.success) return { info, migrate };
  const validate = mapValidate(await runFlyway('validate', { ...options, extraArgs: [...extraArgs, '-ignoreMigrationPatterns=*:pending,*:future'] }));
  return { info, migrate, validate };
}
