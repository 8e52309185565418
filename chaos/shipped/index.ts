import type { ExperimentInput } from '../model/experiment.ts';
import type { ProbeInput } from '../model/probe.ts';

/** The steady state every shipped experiment checks before and after: spins are fast and succeed, money adds up. */
const steadyState: { probes: ProbeInput[] } = {
  probes: [
    { kind: 'spin-p95', name: 'spin-p95', spins: 10, tolerance: { maxMs: 800 } },
    { kind: 'spin-error-rate', name: 'spin-errors', spins: 10, tolerance: { max: 0 } },
    { kind: 'ledger-invariants', name: 'ledger' },
  ],
};

export const apiInstanceKill: ExperimentInput = {
  name: 'api-instance-kill',
  title: 'An api instance killed during flash spins',
  description: 'api-green-1 is SIGKILLed while players spin; once the edge notices, every spin must succeed on the surviving instance, and nothing may be paid twice.',
  steadyState,
  method: {
    durationMs: 5_500,
    load: { ratePerSecond: 10, players: 6 },
    faults: [{ kind: 'instance-kill', instance: 'api-green-1', afterMs: 500, durationMs: 5_000 }],
    // The edge's health checks (every 500 ms, two failures) take the dead instance out within about 1.5 s.
    probes: [{ kind: 'spin-error-rate', name: 'spins-after-failover', spins: 10, pool: 'green', tolerance: { max: 0 } }],
    probesAfterMs: 3_000,
  },
  recoveryMs: 1_500,
};

export const databaseLatency: ExperimentInput = {
  name: 'database-latency',
  title: 'Database latency of 200 ms',
  description: 'Every round trip between the api and PostgreSQL is 200 ms slower; spins get slow but must not fail or double-post.',
  steadyState,
  method: {
    durationMs: 5_000,
    // Slow, not broken: background spins may take seconds but must not fail.
    load: { ratePerSecond: 3, players: 4, maxErrorRate: 0.05 },
    faults: [{ kind: 'network-delay', link: 'api->postgres', latencyMs: 200, jitterMs: 20, durationMs: 5_000 }],
    probes: [{ kind: 'spin-error-rate', name: 'spins-under-db-latency', spins: 2, tolerance: { max: 0 } }],
  },
  recoveryMs: 1_000,
};

export const pspWebhooksDelayed: ExperimentInput = {
  name: 'psp-webhooks-delayed-duplicated',
  title: 'PSP webhooks delayed and duplicated',
  description: 'Webhook deliveries are reset, then delayed by a second (the psp retries); afterwards each payment.succeeded event is delivered once more. Each deposit must be credited exactly once.',
  steadyState,
  method: {
    durationMs: 4_000,
    faults: [
      { kind: 'network-reset', link: 'psp->webhooks', durationMs: 1_000 },
      { kind: 'network-delay', link: 'psp->webhooks', latencyMs: 1_000, jitterMs: 300, afterMs: 1_000, durationMs: 3_000 },
    ],
    probes: [{ kind: 'deposits-settle', name: 'deposits', deposits: 3, amount: 1_000, redeliver: true, tolerance: { settleWithinMs: 15_000 } }],
  },
  recoveryMs: 500,
};

export const rngOutage: ExperimentInput = {
  name: 'rng-outage',
  title: 'RNG outage: spins fail cleanly and no money moves',
  description: 'The api cannot reach the rng service; spins must be refused with a 5xx and leave the balance untouched.',
  steadyState,
  method: {
    durationMs: 5_000,
    load: { ratePerSecond: 3, players: 3 },
    faults: [{ kind: 'dependency-outage', dependency: 'rng', durationMs: 5_000 }],
    probes: [{ kind: 'spin-fails-cleanly', name: 'spins-refused-cleanly', spins: 2, tolerance: { statuses: [502, 503] } }],
    probesAfterMs: 100,
  },
  recoveryMs: 1_000,
};

export const databasePartition: ExperimentInput = {
  name: 'database-partition',
  title: 'A 6 s partition between api and PostgreSQL',
  // Longer than the api's 5 s connection timeout: its pool must give up on dead connections and reconnect by itself.
  description: 'The api is cut off from PostgreSQL for 6 s; it must recover by itself once the partition heals, with the ledger intact.',
  steadyState,
  method: {
    durationMs: 6_000,
    load: { ratePerSecond: 3, players: 3 },
    faults: [{ kind: 'network-partition', link: 'api->postgres', durationMs: 6_000 }],
  },
  recoveryMs: 2_000,
};

export const SHIPPED_EXPERIMENT_INPUTS = {
  'api-instance-kill': apiInstanceKill,
  'database-latency': databaseLatency,
  'psp-webhooks-delayed-duplicated': pspWebhooksDelayed,
  'rng-outage': rngOutage,
  'database-partition': databasePartition,
} as const satisfies Record<string, ExperimentInput>;

export type ShippedExperimentName = keyof typeof SHIPPED_EXPERIMENT_INPUTS;
export const SHIPPED_EXPERIMENT_NAMES = Object.keys(SHIPPED_EXPERIMENT_INPUTS) as ShippedExperimentName[];
