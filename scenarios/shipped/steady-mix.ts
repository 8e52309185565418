import type { ScenarioInput } from '../model/scenario.ts';
import { signUpSteps, spinStep } from './player-steps.ts';

const auth = { authorization: 'Bearer {{token}}', 'idempotency-key': '{{uuid}}' };
const signUp = signUpSteps({ once: true, depositCents: 50_000 });

/** Normal traffic: browse, spin, deposit, withdraw. The background load for chaos and rollout. */
export const steadyMix: ScenarioInput = {
  name: 'steady-mix',
  description: '20 iterations/s for 30 s: browse 40%, spin 40%, deposit 10%, withdraw 10%',
  executor: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '30s', preAllocatedVUs: 12, maxVUs: 150, gracefulStop: '10s' },
  variables: { bet: 10 },
  flows: [
    {
      name: 'browse',
      weight: 4,
      steps: [
        ...signUp,
        { name: 'paytable', path: '/games/slot', expectStatus: [200] },
        { name: 'wallet', path: '/wallet', headers: { authorization: 'Bearer {{token}}' }, expectStatus: [200] },
      ],
    },
    { name: 'spin', weight: 4, steps: [...signUp, spinStep] },
    {
      name: 'deposit',
      weight: 1,
      steps: [...signUp, { name: 'top-up', method: 'POST', path: '/wallet/deposits', headers: auth, json: { amount: 1_000, card: '4242 4242 4242 4242' }, expectStatus: [201] }],
    },
    {
      name: 'withdraw',
      weight: 1,
      steps: [...signUp, { name: 'withdraw', method: 'POST', path: '/wallet/withdrawals', headers: auth, json: { amount: 100 }, expectStatus: [201], extract: { withdrawalId: 'id' } }],
    },
  ],
  thresholds: {
    http_req_failed: ['rate<0.01'],
    // Per step: a VU's first iteration also signs up (two scrypt hashes), which is not what these SLOs are about.
    'http_req_duration{step:spin}': ['p(95)<800'],
    'http_req_duration{step:paytable}': ['p(95)<500'],
    'http_req_duration{step:wallet}': ['p(95)<500'],
  },
};
