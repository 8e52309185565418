import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';

export const BIN = resolve(import.meta.dirname, 'bin.ts');

/** A throwaway project directory with a config file, removed by `dispose`. */
export function tempProject(config: unknown): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gl-cli-'));
  writeFileSync(join(dir, 'greenlight.config.json'), JSON.stringify(config, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the real CLI in a child process, as a pipeline would. */
export function greenlight(dir: string, args: string[]): ResultPromise<{ cwd: string; reject: false; env: Record<string, string> }> {
  return execa(process.execPath, [BIN, ...args], { cwd: dir, reject: false, env: { CI: 'true', GITHUB_STEP_SUMMARY: '' } });
}

/** A loopback platform stand-in for black-box CLI tests: healthy, broken and hanging endpoints. */
export async function startTarget(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/healthz') || req.url?.startsWith('/version')) return res.writeHead(200).end('{"ok":true}');
    if (req.url?.startsWith('/error')) return res.writeHead(500).end('boom');
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.writeHead(200).end(), 30_000).unref();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Every file under a directory, with its text. */
export function readTree(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}
