import { faker } from '@faker-js/faker';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export const CARD_OK = '4242 4242 4242 4242';
export const CARD_3DS = '4000 0000 0000 3220';

export const euros = (cents: number) => (cents / 100).toFixed(2);

export function fakeCredentials(): { username: string; password: string } {
  const name = faker.internet.username().replace(/[^a-zA-Z0-9._-]/g, '').slice(0, 24);
  return { username: `ui_${name}_${faker.string.alphanumeric(6)}`, password: faker.internet.password({ length: 20 }) };
}

/** A fresh player made over the API (not the step under test), optionally funded with a sandbox card. */
export async function apiPlayer(request: APIRequestContext, fundedCents = 0): Promise<{ token: string }> {
  const credentials = fakeCredentials();
  expect((await request.post('/auth/register', { data: credentials })).status(), 'setup: POST /auth/register').toBe(201);
  const login = await request.post('/auth/login', { data: credentials });
  expect(login.status(), 'setup: POST /auth/login').toBe(200);
  const { token } = (await login.json()) as { token: string };
  if (fundedCents > 0) {
    const deposit = await request.post('/wallet/deposits', {
      data: { amount: fundedCents, card: CARD_OK },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    expect(deposit.status(), 'setup: POST /wallet/deposits').toBe(201);
  }
  return { token };
}

/** Opens the lobby already logged in as the player (the UI keeps its session token in sessionStorage). */
export async function openLobbyAs(page: Page, token: string): Promise<void> {
  await page.addInitScript((value) => sessionStorage.setItem('token', value), token);
  await page.goto('/');
  await expect(page.getByTestId('lobby-view')).toBeVisible();
}
