import { EXPECTED_DRIFT, PRODUCTION_OVERLAY, STAGING_OVERLAY } from './fixtures/platform/deploy/expected-drift.ts';
import { defineConfig } from './index.ts';

/** The gate for the reference casino platform in fixtures/: candidate 1.5.0 against baseline 1.4.0 on the local replica. */
export default defineConfig({
  release: { candidate: '1.5.0', baseline: '1.4.0', manifestsDir: 'fixtures/releases' },
  environment: {
    provider: 'local',
    instances: 2,
    local: {
      // The candidate (green) pool scales on requests per second per instance, averaged over 5 s (an HPA on a custom
      // metric); a rise must hold 3 s, so the burst of sign-ups when a load starts does not count as a peak.
      autoscaler: {
        enabled: true,
        pool: 'green',
        metric: 'rps',
        windowMs: 5_000,
        target: 25,
        minReplicas: 2,
        maxReplicas: 3,
        scaleUpStabilizationMs: 3_000,
        scaleDownStabilizationMs: 6_000,
      },
    },
  },
  stages: {
    release: {
      // 1.5.0's new migrations (a destructive one would need a MAJOR bump) and the other manifests a reused version is looked up in.
      migrations: ['fixtures/platform/migrations/V5__player_last_login.sql'],
      artifacts: { compareWith: ['fixtures/releases'] },
      // Staging must match production except where the two overlays are meant to differ.
      drift: { staging: STAGING_OVERLAY, production: PRODUCTION_OVERLAY, allow: EXPECTED_DRIFT },
    },
    migrations: {
      dir: 'fixtures/platform/migrations',
      // N-1: the baseline's code must keep working on the migrated schema during a rolling deploy.
      previousRelease: {
        tables: {
          players: ['id', 'username', 'password_hash'],
          sessions: ['token_hash', 'player_id', 'expires_at'],
          accounts: ['id', 'kind', 'player_id', 'currency', 'balance'],
          transactions: ['id', 'kind', 'reference', 'external_ref'],
          entries: ['transaction_id', 'account_id', 'amount'],
        },
        journey: {
          command: ['${node}', 'fixtures/platform/api/main.ts'],
          env: {
            DATABASE_URL: '${database}', RNG_URL: '${rng}', PSP_URL: '${psp}', PSP_API_KEY: '${pspApiKey}',
            WEBHOOK_SECRET: '${webhookSecret}', RELEASE_MANIFEST: '${baselineManifest}', POOL: 'blue', PASSWORD_HASH_COST: '1024',
          },
          // Only steps that stay inside the api and its database: a deposit would reach the shared psp sandbox with
          // the clone's ids, which the staging api is about to reuse.
          steps: ['register', 'login', 'balance'],
        },
      },
    },
    load: {
      // A tournament start: the spin rate jumps 15× within 3 s. The candidate pool must scale out, hold p95, scale back.
      scenario: 'flash-spins',
      autoscaling: { expectedReplicas: 3, scaleOutWithin: '25s', scaleInWithin: '30s', p95SloMs: 500 },
    },
    probe: { requests: 20, thresholds: { probe_duration: ['p(95)<500'] } },
    smoke: { retries: 1 },
  },
});
