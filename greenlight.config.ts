import { defineConfig } from './index.ts';

/** The gate for the reference casino platform in fixtures/: candidate 1.5.0 against baseline 1.4.0 on the local replica. */
export default defineConfig({
  release: { candidate: '1.5.0', baseline: '1.4.0', manifestsDir: 'fixtures/releases' },
  environment: {
    provider: 'local',
    instances: 2,
    local: {
      // The candidate (green) pool scales on in-flight requests per instance, as an HPA would.
      autoscaler: { enabled: true, pool: 'green', minReplicas: 2, maxReplicas: 3, target: 2, scaleDownStabilizationMs: 10_000 },
    },
  },
  stages: {
    migrations: { dir: 'fixtures/platform/migrations' },
    probe: { requests: 20, thresholds: { probe_duration: ['p(95)<500'] } },
    smoke: { retries: 1 },
  },
});
