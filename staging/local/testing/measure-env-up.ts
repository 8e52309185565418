/**
 * Measures `env up --detach` (to the ready line) and `env down`, three times:
 * `node staging/local/testing/measure-env-up.ts [release]`. Prints one JSON line per round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { envDown, envUp } from '../commands.ts';
import { testPlatform } from './test-platform.ts';

const platform = testPlatform();
const quiet = { write: () => true };
for (let round = 0; round < 3; round++) {
  const stateDir = mkdtempSync(join(tmpdir(), 'gl-measure-'));
  const up = await envUp({ releases: [process.argv[2] ?? platform.releases[1]], detach: true, stateDir, stdout: quiet, platformDir: platform.platformDir, releasesDir: platform.releasesDir });
  const started = performance.now();
  const down = await envDown({ stateDir, stdout: quiet });
  const downMs = Math.round(performance.now() - started);
  console.log(JSON.stringify({ platform: platform.real ? 'fixtures' : 'stand-in', readyMs: up.readyMs, downMs, leftovers: down.leftovers, load1: loadavg()[0]!.toFixed(1) }));
  rmSync(stateDir, { recursive: true, force: true });
}
