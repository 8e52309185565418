/**
 * `node postgres-guard.ts <pid> <dataDir>`: spawned by the supervisor with stdin piped. PostgreSQL does not
 * watch its parent, so when the supervisor dies (even by SIGKILL) and this guard's stdin closes, the guard
 * stops the postmaster and removes its data dir.
 */
import { rmSync } from 'node:fs';

const pid = Number(process.argv[2]);
const dataDir = process.argv[3];

function alive(): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let reaping = false;
async function reap(): Promise<void> {
  if (reaping) return;
  reaping = true;
  const signals: NodeJS.Signals[] = ['SIGQUIT', 'SIGKILL'];
  for (const signal of signals) {
    if (!alive()) break;
    process.kill(pid, signal);
    for (let waited = 0; waited < 3_000 && alive(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

process.on('SIGINT', () => void reap());
process.on('SIGTERM', () => void reap());
process.stdin.on('end', () => void reap());
process.stdin.on('close', () => void reap());
process.stdin.on('error', () => void reap());
process.stdin.resume();
process.stdout.write('GUARD_READY {}\n');
