import pg from 'pg';
import type { FaultPoint } from './fault-point.ts';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function validateCloneName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) throw new RangeError('clone name must match ^[a-z_][a-z0-9_]{0,62}$');
  return name;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * `CREATE DATABASE <target> TEMPLATE <source>` needs the source to have no other sessions, so the api→postgres
 * link is reset for the moment of the copy (the api pools reconnect afterwards) and leftover sessions are
 * terminated. The api sees a blip of a few hundred milliseconds on its database link, nothing more.
 */
export async function cloneDatabase(options: { url: string; source: string; target: string; apiLink: FaultPoint }): Promise<void> {
  const target = validateCloneName(options.target);
  const fault = options.apiLink.inject({ kind: 'reset', params: {} }, 10_000);
  try {
    await withClient(options.url, async (client) => {
      for (let attempt = 1; ; attempt++) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [options.source]);
        try {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(target)} TEMPLATE ${client.escapeIdentifier(options.source)}`);
          return;
        } catch (error) {
          const busy = (error as { code?: string }).code === '55006';
          if (!busy || attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    });
  } finally {
    options.apiLink.clear(fault.id);
  }
}

export async function dropDatabase(options: { url: string; target: string }): Promise<void> {
  const target = validateCloneName(options.target);
  await withClient(options.url, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(target)} WITH (FORCE)`));
}
