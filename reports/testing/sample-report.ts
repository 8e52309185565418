import type { Check } from '../../core/check.ts';
import type { Report, StageReport } from '../report.ts';

/**
 * A realistic NO-GO report for tests: a passed stage, a failed stage (one blocking and one
 * non-blocking failure), and an inconclusive stage that could not finish; statistics, a timeline,
 * evidence, artifacts, and secrets that must never reach a written file.
 */
export function sampleReport(): Report {
  return {
    schema: 'greenlight.report/v1',
    runId: '20261127T041500Z-7f3a',
    tool: { name: 'greenlight', version: '0.1.0' },
    profile: 'ci',
    environment: {
      provider: 'local',
      urls: { edge: 'http://127.0.0.1:41234', database: 'postgres://app:s3cr3t@127.0.0.1/db' },
    },
    release: {
      candidate: {
        version: '1.5.0',
        manifest: 'fixtures/releases/1.5.0.json',
        digests: { api: `sha256:${'ab'.repeat(32)}` },
      },
      baseline: { version: '1.4.0', manifest: 'fixtures/releases/1.4.0.json' },
    },
    startedAt: '2026-11-27T04:15:00.000Z',
    finishedAt: '2026-11-27T04:17:42.500Z',
    durationMs: 162_500,
    verdict: 'NO-GO',
    exitCode: 1,
    reasons: [
      'Spin latency p(95): p(95) was 412 ms against p(95)<300',
      'RNG battery could not finish: stage timed out after 60000 ms',
    ],
    interrupted: false,
    stages: [smokeStage(), loadStage(), rngStage()],
    cleanup: { status: 'leaked', leftovers: ['process 4242 (node fixtures/platform/api.ts)'] },
    artifacts: [
      { path: 'smoke/login.png', sha256: 'c'.repeat(64), bytes: 48_213, stage: 'smoke' },
      { path: 'load/histogram.hgrm', sha256: 'd'.repeat(64), bytes: 9_120, stage: 'load' },
    ],
  };
}

function smokeStage(): StageReport {
  return {
    id: 'smoke',
    title: 'Smoke flows',
    description: 'login → spin → deposit → withdraw through the web UI and the API',
    status: 'passed',
    startedAt: '2026-11-27T04:15:01.000Z',
    durationMs: 21_400,
    checks: [
      check({ id: 'flow:login', title: 'Login flow', status: 'pass', observed: true, message: 'player logged in', evidence: ['smoke/login.png'], durationMs: 2_310 }),
      check({ id: 'flow:spin', title: 'Spin flow', status: 'pass', observed: 1, message: 'spin settled with a win of 2.50', durationMs: 1_120 }),
      check({ id: 'flow:deposit', title: 'Deposit flow', status: 'warn', observed: 1_840, unit: 'ms', threshold: 'value<1500', message: 'deposit took longer than usual', durationMs: 1_840 }),
      check({ id: 'flow:withdraw-ui', title: 'Withdraw flow (web UI)', status: 'skipped', blocking: false, message: 'no browser on this runner; the API flow covers withdrawals' }),
    ],
  };
}

function loadStage(): StageReport {
  return {
    id: 'load',
    title: 'Steady mix load',
    description: 'steady mix of spins, deposits and logins at 200 requests/s for 60 s',
    status: 'failed',
    startedAt: '2026-11-27T04:15:23.000Z',
    durationMs: 64_000,
    checks: [
      check({
        id: 'http_req_duration{flow:spin}:p(95)<300',
        title: 'Spin latency p(95)',
        status: 'fail',
        observed: 412.37,
        unit: 'ms',
        threshold: 'p(95)<300',
        message: 'p(95) was 412 ms against p(95)<300 | spins were slow; <script>alert(1)</script>',
        reason: 'threshold_breached',
        samples: 11_904,
        evidence: ['load/histogram.hgrm'],
      }),
      check({
        id: 'http_req_failed:rate<=+10%',
        title: '5xx rate against baseline',
        status: 'fail',
        blocking: false,
        observed: 0.0131,
        threshold: 'rate <= +10%',
        message: '5xx rate grew 31% against 1.4.0',
        reason: 'regression',
        samples: 12_000,
      }),
      check({ id: 'dropped_iterations:count<1', title: 'Dropped arrivals', status: 'pass', observed: 0, threshold: 'count<1', message: 'every scheduled arrival was sent', samples: 12_000 }),
    ],
    summary: {
      requests: 12_000,
      token: 'tok_live_9f8e7d6c5b4a',
      timeline: Array.from({ length: 13 }, (_, i) => ({ t: i * 5, rps: 195 + (i % 3) * 4, p95: 180 + i * 19, errors: i > 8 ? 3 : 0 })),
    },
  };
}

function rngStage(): StageReport {
  return {
    id: 'rng',
    title: 'RNG battery',
    description: 'statistical battery on the certified RNG output',
    status: 'inconclusive',
    startedAt: '2026-11-27T04:16:27.000Z',
    durationMs: 60_000,
    checks: [
      check({
        id: 'rng:chi-square',
        title: 'Uniformity (chi-square)',
        status: 'pass',
        observed: 0.4312,
        threshold: 'p >= 0.01',
        message: 'no evidence against uniformity',
        samples: 1_000_000,
        statistics: { test: 'chi-square', sampleSize: 1_000_000, pValue: 0.4312, confidence: 0.99, adjustedPValue: 0.8624, correction: 'holm' },
      }),
      check({
        id: 'rng:runs',
        title: 'Runs test',
        status: 'inconclusive',
        observed: null,
        message: 'too few samples before the stage timed out',
        reason: 'insufficient_samples',
        samples: 812,
      }),
    ],
    error: { kind: 'timeout', message: 'stage timed out after 60000 ms' },
  };
}

function check(init: Omit<Check, 'blocking' | 'evidence'> & { blocking?: boolean; evidence?: string[] }): Check {
  return { blocking: true, evidence: [], ...init };
}
