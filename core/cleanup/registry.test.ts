import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CleanupRegistry, leaseFile } from './registry.ts';

const dirs: string[] = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gl-cleanup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('CleanupRegistry', () => {
  it('undoes in reverse order of registration', async () => {
    const order: string[] = [];
    const registry = new CleanupRegistry({ runId: 'r1' });
    registry.register('database', () => void order.push('database'));
    registry.register('api', () => void order.push('api'));
    registry.register('fault', async () => void order.push('fault'));
    expect(await registry.runAll()).toEqual({ status: 'clean', leftovers: [] });
    expect(order).toEqual(['fault', 'api', 'database']);
  });

  it('keeps going after a failed undo and reports it as leaked', async () => {
    const order: string[] = [];
    const dir = stateDir();
    const registry = new CleanupRegistry({ runId: 'r2', stateDir: dir });
    registry.register('first', () => void order.push('first'));
    registry.register('broken', () => {
      throw new Error('port still bound');
    }, { type: 'path', path: '/tmp/x' });
    registry.register('last', () => void order.push('last'));
    const result = await registry.runAll();
    expect(order).toEqual(['last', 'first']);
    expect(result.status).toBe('leaked');
    expect(result.leftovers).toEqual(['path /tmp/x: port still bound']);
    const ledger = JSON.parse(readFileSync(leaseFile(dir, 'r2'), 'utf8'));
    expect(ledger.entries.map((e: { label: string }) => e.label)).toEqual(['broken']);
  });

  it('persists a ledger naming held resources, and removes it once clean', async () => {
    const dir = stateDir();
    const registry = new CleanupRegistry({ runId: 'r3', stateDir: dir });
    const handle = registry.register('postgres', () => {}, { type: 'process', pid: 4242, command: 'postgres' });
    registry.register('tmp', () => {}, { type: 'path', path: '/tmp/pg' });
    const ledger = JSON.parse(readFileSync(leaseFile(dir, 'r3'), 'utf8'));
    expect(ledger).toMatchObject({ runId: 'r3', ownerPid: process.pid });
    expect(ledger.entries.map((e: { resource: { type: string } }) => e.resource.type)).toEqual(['process', 'path']);
    await handle.run();
    expect(registry.size).toBe(1);
    await registry.runAll();
    expect(existsSync(leaseFile(dir, 'r3'))).toBe(false);
  });

  it('an undo that hangs is cut off and reported', async () => {
    const registry = new CleanupRegistry({ runId: 'r4', undoTimeoutMs: 50 });
    registry.register('stuck', () => new Promise(() => {}));
    const result = await registry.runAll();
    expect(result.status).toBe('leaked');
    expect(result.leftovers[0]).toContain('not undone after 50 ms');
  });

  it('a released entry is not undone', async () => {
    let undone = false;
    const registry = new CleanupRegistry({ runId: 'r5' });
    registry.register('gone already', () => void (undone = true)).release();
    await registry.runAll();
    expect(undone).toBe(false);
  });
});
