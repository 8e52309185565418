import type { ScenarioInput } from '../model/scenario.ts';

type StepInput = ScenarioInput['flows'][number]['steps'][number];

const USERNAME = 'lt{{vu}}-{{faker.string.alphanumeric(12)}}';
const PASSWORD = 'load-password-1';

/** Sign up, log in (the token is kept by the VU) and make a first deposit with the psp's always-succeeding card. */
export function signUpSteps(options: { once: boolean; depositCents: number }): StepInput[] {
  const { once } = options;
  return [
    { name: 'register', method: 'POST', path: '/auth/register', json: { username: USERNAME, password: PASSWORD }, expectStatus: [201], once, extract: { playerId: 'playerId', username: 'username' } },
    { name: 'login', method: 'POST', path: '/auth/login', json: { username: '{{username}}', password: PASSWORD }, expectStatus: [200], once, extract: { token: 'token' } },
    {
      name: 'deposit',
      method: 'POST',
      path: '/wallet/deposits',
      headers: { authorization: 'Bearer {{token}}', 'idempotency-key': '{{uuid}}' },
      json: { amount: options.depositCents, card: '4242 4242 4242 4242' },
      expectStatus: [201],
      once,
    },
  ];
}

export const spinStep: StepInput = {
  name: 'spin',
  method: 'POST',
  path: '/games/slot/spin',
  headers: { authorization: 'Bearer {{token}}', 'idempotency-key': '{{uuid}}' },
  json: { bet: '{{bet}}' },
  expectStatus: [200],
};
