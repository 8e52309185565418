// Runs the gate on the good release N times in a row (default 10) and prints each run's verdict, duration and
// non-passing checks, then how many were GO. Every run must be GO: one false NO-GO blocks a good release.
// Run: node bench/gate-flakiness.ts [runs] [-- extra `greenlight run` flags]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import type { Report } from '../reports/report.ts';

const separator = process.argv.indexOf('--');
const runs = Number(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : 10);
const extra = separator >= 0 ? process.argv.slice(separator + 1) : [];
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${process.argv[2]}`);

const root = resolve(import.meta.dirname, '..');
const outputDir = join(root, '.greenlight');
const rows: { run: number; verdict: string; exitCode: number; seconds: number; notPassing: string[] }[] = [];

for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const result = await execa(process.execPath, ['cli/bin.ts', 'run', '--plain', '--output-dir', outputDir, ...extra], { cwd: root, reject: false, all: true });
  const seconds = (performance.now() - started) / 1000;
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(join(outputDir, 'runs', 'latest', 'report.json'), 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  const notPassing = (report?.stages ?? []).flatMap((s) => s.checks.filter((c) => c.status !== 'pass' && c.status !== 'skipped').map((c) => `${s.id}/${c.id}: ${c.status}`));
  const verdict = report?.verdict ?? `no report (exit ${result.exitCode})`;
  rows.push({ run, verdict, exitCode: result.exitCode ?? -1, seconds, notPassing });
  console.log(`run ${run}/${runs}: ${verdict} (exit ${result.exitCode}) in ${seconds.toFixed(1)} s${notPassing.length ? `\n    ${notPassing.join('\n    ')}` : ''}`);
}

const go = rows.filter((r) => r.verdict === 'GO' && r.exitCode === 0).length;
const durations = rows.map((r) => r.seconds).sort((a, b) => a - b);
const median = durations[Math.floor((durations.length - 1) / 2)]!;
console.log(`\n${go}/${runs} GO · duration min ${durations[0]!.toFixed(1)} s, median ${median.toFixed(1)} s, max ${durations.at(-1)!.toFixed(1)} s`);
process.exitCode = go === runs ? 0 : 1;
