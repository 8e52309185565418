import type { ScenarioInput } from '../model/scenario.ts';
import { signUpSteps } from './player-steps.ts';

/** A marketing push: a ramping arrival rate of sign-ups, each followed by a login and a first deposit. */
export const massRegistrations: ScenarioInput = {
  name: 'mass-registrations',
  description: 'sign-ups ramp 1/s → 6/s over 20 s and hold 10 s; each logs in and deposits (two scrypt hashes per sign-up)',
  executor: {
    executor: 'ramping-arrival-rate',
    startRate: 1,
    timeUnit: '1s',
    preAllocatedVUs: 10,
    maxVUs: 150,
    stages: [
      { duration: '20s', target: 6 },
      { duration: '10s', target: 6 },
    ],
    gracefulStop: '15s',
  },
  flows: [{ name: 'sign-up', steps: signUpSteps({ once: false, depositCents: 2_000 }) }],
  thresholds: {
    'http_req_failed{flow:sign-up}': ['rate<0.01'],
    'http_req_duration{step:register}': ['p(95)<2000'],
    'http_req_duration{step:deposit}': ['p(95)<2000'],
  },
};
