import { readFileSync } from 'node:fs';

/** True when the pid names a live (not zombie) process. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** TCP ports in LISTEN state on this machine (Linux /proc/net/tcp{,6}). */
export function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A' || !fields[1]) continue;
      ports.add(Number.parseInt(fields[1].split(':')[1] ?? '', 16));
    }
  }
  return ports;
}

/** Every port named in a set of loopback URLs. */
export function portsOf(urls: readonly string[]): number[] {
  return [...new Set(urls.map((u) => Number(new URL(u).port)).filter((p) => p > 0))];
}
