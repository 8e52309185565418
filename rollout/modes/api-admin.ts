import { request } from 'undici';
import type { ApiAdminAccess } from '../../staging/local/controls.ts';

/** Calls the api's admin endpoints through the edge with the admin token (never logged). */
export async function adminCall(access: ApiAdminAccess, method: 'PUT' | 'GET', path: string, body?: unknown, pool?: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { authorization: `Bearer ${access.adminToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (pool) headers['x-greenlight-pool'] = pool;
  const response = await request(new URL(path, access.apiUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
