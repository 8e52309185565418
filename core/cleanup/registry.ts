import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Ledger, LedgerEntry, Reapable } from './resources.ts';
import { describeResource } from './resources.ts';

export type Undo = () => Promise<void> | void;

export interface CleanupHandle {
  /** Undo now (once) and forget the entry. */
  run(): Promise<void>;
  /** Forget the entry: the resource is already gone. */
  release(): void;
}

export interface CleanupResult {
  status: 'clean' | 'leaked';
  /** What could not be removed, in words. */
  leftovers: string[];
}

interface Entry extends LedgerEntry {
  undo: Undo;
}

export function leaseFile(stateDir: string, runId: string): string {
  return join(stateDir, 'leases', `${runId}.json`);
}

/**
 * Every resource registers its undo at creation. Undos run in reverse order of registration.
 * While anything is held, a ledger on disk names it, so a crashed run's leftovers can be reaped.
 */
export class CleanupRegistry {
  readonly runId: string;
  private readonly entries: Entry[] = [];
  private nextId = 1;
  private readonly ledgerPath?: string;
  private readonly log?: Logger;
  private readonly startedAt = new Date().toISOString();
  private readonly undoTimeoutMs: number;

  constructor(options: { runId: string; stateDir?: string; log?: Logger; undoTimeoutMs?: number }) {
    this.runId = options.runId;
    this.ledgerPath = options.stateDir ? leaseFile(options.stateDir, options.runId) : undefined;
    this.log = options.log;
    this.undoTimeoutMs = options.undoTimeoutMs ?? 30_000;
  }

  register(label: string, undo: Undo, resource?: Reapable): CleanupHandle {
    const entry: Entry = { id: this.nextId++, label, createdAt: new Date().toISOString(), resource, undo };
    this.entries.push(entry);
    this.persist();
    return {
      run: async () => {
        if (!this.forget(entry)) return;
        await this.undoOne(entry);
      },
      release: () => {
        this.forget(entry);
      },
    };
  }

  get size(): number {
    return this.entries.length;
  }

  /** Runs every undo, last registered first; failures are collected, never thrown, and stay in the ledger. */
  async runAll(): Promise<CleanupResult> {
    const leftovers: string[] = [];
    const kept: Entry[] = [];
    while (this.entries.length > 0) {
      const entry = this.entries.pop()!;
      const failure = await this.undoOne(entry);
      if (failure) {
        leftovers.push(failure);
        kept.unshift(entry);
      }
      this.persist(kept);
    }
    this.entries.push(...kept);
    this.persist();
    return { status: leftovers.length === 0 ? 'clean' : 'leaked', leftovers };
  }

  private async undoOne(entry: Entry): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(entry.undo),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not undone after ${this.undoTimeoutMs} ms`)), this.undoTimeoutMs);
        }),
      ]);
      this.log?.debug(`cleaned up ${entry.label}`);
      return undefined;
    } catch (error) {
      const what = entry.resource ? describeResource(entry.resource) : entry.label;
      this.log?.warn(`cleanup of ${entry.label} failed: ${errorMessage(error)}`);
      return `${what}: ${errorMessage(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }

  private forget(entry: Entry): boolean {
    const index = this.entries.indexOf(entry);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    this.persist();
    return true;
  }

  private persist(extra: readonly Entry[] = []): void {
    if (!this.ledgerPath) return;
    const held = [...extra, ...this.entries];
    if (held.length === 0) return this.removeLedger();
    const ledger: Ledger = {
      runId: this.runId,
      ownerPid: process.pid,
      startedAt: this.startedAt,
      entries: held.map(({ undo: _undo, ...rest }) => rest),
    };
    mkdirSync(dirname(this.ledgerPath), { recursive: true });
    const tmp = `${this.ledgerPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(ledger, null, 2));
    renameSync(tmp, this.ledgerPath);
  }

  private removeLedger(): void {
    if (this.ledgerPath) rmSync(this.ledgerPath, { force: true });
  }
}
