import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../core/errors.ts';
import { decidePromotion } from './confirm-promotion.ts';
import { findReport } from './find-report.ts';
import { readPromotionQuestion } from './flagger-payload.ts';
import { summarizeReport } from './summary.ts';

export const DEFAULT_SERVE_HOST = '127.0.0.1';
export const DEFAULT_MAX_AGE_MS = 3_600_000;
export const CONFIRM_PROMOTION_PATH = '/gate/confirm-promotion';
const MAX_BODY_BYTES = 64 * 1024;

export interface GateServerOptions {
  /** `<output-dir>/runs`, as `greenlight run` writes it. */
  runsDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxAgeMs?: number;
  now?: () => Date;
  /** One line per answered gate question (never report contents beyond the reason). */
  log?: (line: string) => void;
}

export interface GateServer {
  url: string;
  host: string;
  port: number;
  /** Stops listening and drops open connections (Flagger keeps them alive). */
  close(): Promise<void>;
}

type Settings = Required<Omit<GateServerOptions, 'host' | 'port'>>;
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * The promotion gate over HTTP for Flagger and humans:
 *   POST|GET /gate/confirm-promotion  200 only on a fresh GO report, else 403 with the reason
 *   GET /reports/latest               the latest (or ?release=) report's summary
 *   GET /healthz                      200 while listening
 */
export async function startGateServer(options: GateServerOptions): Promise<GateServer> {
  const settings: Settings = {
    runsDir: options.runsDir,
    maxAgeMs: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
    now: options.now ?? (() => new Date()),
    log: options.log ?? (() => {}),
  };
  const server = createServer((req, res) => {
    handle(req, settings)
      .catch((error: unknown): Reply => ({ status: 500, body: { promote: false, reason: 'internal_error', message: errorMessage(error) } }))
      .then((reply) => send(res, reply))
      .catch(() => res.destroy());
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  const host = options.host ?? DEFAULT_SERVE_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, settings: Settings): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://greenlight.invalid');
  const method = req.method ?? 'GET';
  const route = ROUTES[url.pathname];
  if (!route) return { status: 404, body: { reason: 'not_found', message: `no route ${url.pathname}`, routes: Object.keys(ROUTES) } };
  if (!route.methods.includes(method)) return { status: 405, body: { reason: 'method_not_allowed', message: `${method} ${url.pathname}` }, headers: { allow: route.methods.join(', ') } };

  if (url.pathname === '/healthz') return { status: 200, body: { status: 'ok' } };

  const body = method === 'POST' ? await readBody(req) : '';
  if (body === undefined) return { status: 413, body: { promote: false, reason: 'bad_request', message: `request body over ${MAX_BODY_BYTES} bytes` }, headers: { connection: 'close' } };
  const question = readPromotionQuestion(url.searchParams, body);
  if (!question.ok) return { status: 400, body: { promote: false, reason: 'bad_request', message: question.message } };
  const lookup = findReport(settings.runsDir, question.release);

  if (url.pathname === '/reports/latest') {
    if (lookup.kind === 'missing') return { status: 404, body: { reason: 'report_missing', message: lookup.message } };
    if (lookup.kind === 'invalid') return { status: 422, body: { reason: 'report_invalid', message: `${lookup.file}: ${lookup.message}` } };
    return { status: 200, body: summarizeReport(lookup.report, settings.now()) };
  }

  const decision = decidePromotion({ lookup, now: settings.now(), maxAgeMs: settings.maxAgeMs, ...(question.release ? { release: question.release } : {}) });
  settings.log(`confirm-promotion ${question.canary ?? '-'} release=${question.release ?? 'latest'}: ${decision.status} ${decision.reason} — ${decision.message}`);
  return { status: decision.status, body: decision };
}

const ROUTES: Record<string, { methods: string[] }> = {
  [CONFIRM_PROMOTION_PATH]: { methods: ['POST', 'GET'] },
  '/reports/latest': { methods: ['GET'] },
  '/healthz': { methods: ['GET'] },
};

/** The body as text, or undefined when it is larger than anything Flagger sends. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: Reply): void {
  const text = `${JSON.stringify(reply.body, null, 2)}\n`;
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...reply.headers });
  res.end(text);
}
