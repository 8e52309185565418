import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, errorMessage } from '../core/errors.ts';
import { readReport } from '../reports/read.ts';
import type { ReportLookup } from './confirm-promotion.ts';

const REPORT_FILE = 'report.json';

/**
 * The report a promotion question is about: without a release, the run `<runsDir>/latest` points at;
 * with one, the newest run (by run id, which sorts by time) whose candidate is that release.
 * Reports are read and schema-checked on every call: nothing is cached, so a newer run is seen at once.
 */
export function findReport(runsDir: string, release?: string): ReportLookup {
  return release === undefined ? latestReport(runsDir) : newestReportFor(runsDir, release);
}

function latestReport(runsDir: string): ReportLookup {
  const pointer = join(runsDir, 'latest');
  let runDir: string;
  try {
    const stat = lstatSync(pointer);
    // The gate writes `latest` as a symlink, or as a file holding the run id where symlinks fail.
    runDir = stat.isFile() ? join(runsDir, runIdFromFile(pointer)) : pointer;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', message: `no finished run yet: ${pointer} does not exist` };
    return { kind: 'invalid', file: pointer, message: errorMessage(error) };
  }
  const file = join(runDir, REPORT_FILE);
  if (!existsSync(file)) return { kind: 'missing', message: `${pointer} points at a run without ${REPORT_FILE}` };
  return read(file);
}

/**
 * Walks runs newest first. A run directory without report.json (running, or killed) is passed over; a
 * report.json that cannot be read stops the walk as invalid, since it may be the newest run of this release.
 */
function newestReportFor(runsDir: string, release: string): ReportLookup {
  let runIds: string[];
  try {
    runIds = readdirSync(runsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort()
      .reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', message: `no runs yet: ${runsDir} does not exist` };
    return { kind: 'invalid', file: runsDir, message: errorMessage(error) };
  }
  for (const runId of runIds) {
    const file = join(runsDir, runId, REPORT_FILE);
    if (!existsSync(file)) continue;
    const lookup = read(file);
    if (lookup.kind !== 'found' || lookup.report.release.candidate.version === release) return lookup;
  }
  return { kind: 'missing', message: `no finished run of release ${release} in ${runsDir}` };
}

function runIdFromFile(pointer: string): string {
  const runId = readFileSync(pointer, 'utf8').trim();
  if (!runId || runId === '.' || runId === '..' || /[\\/]/.test(runId)) throw new Error(`holds ${JSON.stringify(runId)}, not a run id`);
  return runId;
}

function read(file: string): ReportLookup {
  try {
    return { kind: 'found', report: readReport(file), file };
  } catch (error) {
    const message = error instanceof ConfigError ? error.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ') : errorMessage(error);
    return { kind: 'invalid', file, message };
  }
}
