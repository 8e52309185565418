import type { ScenarioInput } from '../model/scenario.ts';
import { signUpSteps, spinStep } from './player-steps.ts';

/**
 * A tournament start: logged-in players spin at a calm rate, the rate jumps 15× within seconds, holds, and drops.
 * Every VU signs up, logs in and deposits once (during the calm phase), then spins.
 */
export const flashSpins: ScenarioInput = {
  name: 'flash-spins',
  description: 'spin rate 4/s → 60/s within 3 s, held 15 s, back to 4/s',
  executor: {
    executor: 'ramping-arrival-rate',
    startRate: 4,
    timeUnit: '1s',
    // 20 players log in during the calm phase (FIFO rotation); more join only if spins slow down.
    preAllocatedVUs: 20,
    maxVUs: 80,
    stages: [
      { duration: '6s', target: 4 },
      { duration: '3s', target: 60 },
      { duration: '15s', target: 60 },
      { duration: '3s', target: 4 },
      { duration: '5s', target: 4 },
    ],
    gracefulStop: '10s',
  },
  variables: { bet: 10 },
  flows: [{ name: 'spin', steps: [...signUpSteps({ once: true, depositCents: 50_000 }), spinStep] }],
  thresholds: {
    'http_req_failed{flow:spin}': ['rate<0.01'],
    'http_req_duration{step:spin}': ['p(95)<1000'],
    'checks{step:spin}': [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: '15s' }],
  },
};
