import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneLive } from './clone-dump.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';

const tools = (name: string) => fileURLToPath(new URL(`./testdata/fake-pg/${name}`, import.meta.url));
const fake = { pgDump: tools('pg_dump'), pgRestore: tools('pg_restore') };

let server: EmbeddedServer;
let sourceUrl: string;
beforeAll(async () => {
  server = await startEmbeddedPostgres();
  sourceUrl = await server.createDatabase('staging');
});
afterAll(() => server?.stop());

const clones = async () => (await server.query('postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'gl_clone%'")).rows.map((r) => r.datname as string);

/** Holds a session on the source, as a live staging database has. */
async function busy<T>(work: () => Promise<T>): Promise<T> {
  const session = new pg.Client({ connectionString: sourceUrl });
  await session.connect();
  try {
    return await work();
  } finally {
    await session.end();
  }
}

describe('cloneLive', () => {
  it('copies an idle source by template', async () => {
    const clone = await cloneLive(sourceUrl, { prefix: 'gl_clone_idle', pgDump: '/nonexistent', pgRestore: '/nonexistent' });
    expect(await clones()).toEqual([clone.name]);
    await clone.drop();
    expect(await clones()).toEqual([]);
  });

  it('copies a source other sessions hold by dump/restore, the password never on a command line', async () => {
    const clone = await busy(() => cloneLive(sourceUrl, { prefix: 'gl_clone_busy', ...fake }));
    expect(await clones()).toEqual([clone.name]);
    await clone.drop();
  });

  it('a failed restore is reported and leaves no clone', async () => {
    process.env['FAKE_RESTORE_FAIL'] = '1';
    try {
      const error = await busy(() => cloneLive(sourceUrl, { prefix: 'gl_clone_fail', ...fake })).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/could not clone by dump\/restore: .*pg_restore.* type "money2" does not exist/);
    } finally {
      delete process.env['FAKE_RESTORE_FAIL'];
    }
    expect(await clones()).toEqual([]);
  });

  it('without the client tools a busy source is refused clearly', async () => {
    const error = await busy(() => cloneLive(sourceUrl, { prefix: 'gl_clone_none', pgDump: '/nonexistent/pg_dump', pgRestore: '/nonexistent/pg_restore' })).catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain('other sessions are connected to "staging"');
    expect(await clones()).toEqual([]);
  });
});
