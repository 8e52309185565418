import { expect, test } from '@playwright/test';
import { apiPlayer, CARD_3DS, CARD_OK, euros, fakeCredentials, openLobbyAs } from './player.ts';

// Each test is one check in the report; they are independent so one broken control fails only its own check.

test('register and log in', async ({ page }) => {
  const { username, password } = fakeCredentials();
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('balance')).toHaveText('0.00');
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('balance')).toHaveText('0.00');
  await expect(page.getByTestId('login-error')).toBeEmpty();
});

test('spin shows the outcome and the new balance', async ({ page, request }) => {
  const { token } = await apiPlayer(request, 2000);
  await openLobbyAs(page, token);
  await expect(page.getByTestId('balance')).toHaveText('20.00');
  // A 1× win leaves the balance as it was; spin until one spin moves it, so a frozen balance cannot pass.
  for (let spin = 1; spin <= 5; spin++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/games/slot/spin') && r.request().method() === 'POST');
    await page.getByTestId('spin-button').click();
    const round = (await (await answer).json()) as { bet: number; win: number; balance: number };
    await expect(page.getByTestId('spin-reels')).not.toBeEmpty();
    await expect(page.getByTestId('spin-result')).toHaveText(round.win > 0 ? `You won ${euros(round.win)} EUR` : 'No win');
    await expect(page.getByTestId('balance'), `balance after spin ${spin}`).toHaveText(euros(round.balance));
    if (round.win !== round.bet) break;
  }
});

test('deposit with a sandbox card', async ({ page, request }) => {
  const { token } = await apiPlayer(request);
  await openLobbyAs(page, token);
  await page.getByTestId('deposit-amount').fill('1500');
  await page.getByTestId('deposit-card').fill(CARD_OK);
  await page.getByTestId('deposit-submit').click();
  await expect(page.getByTestId('deposit-status')).toHaveText('succeeded');
  await expect(page.getByTestId('balance')).toHaveText('15.00');
});

test('deposit with a 3-D Secure challenge', async ({ page, request }) => {
  const { token } = await apiPlayer(request);
  await openLobbyAs(page, token);
  await page.getByTestId('deposit-amount').fill('1200');
  await page.getByTestId('deposit-card').fill(CARD_3DS);
  await page.getByTestId('deposit-submit').click();
  await expect(page.getByTestId('deposit-status')).toHaveText('requires_action');
  await expect(page.getByTestId('challenge')).toBeVisible();
  await page.getByTestId('challenge-approve').click();
  await expect(page.getByTestId('deposit-status')).toHaveText('succeeded');
  await expect(page.getByTestId('balance')).toHaveText('12.00');
});

test('withdraw and see the payout state', async ({ page, request }) => {
  const { token } = await apiPlayer(request, 2000);
  await openLobbyAs(page, token);
  await expect(page.getByTestId('balance')).toHaveText('20.00');
  await page.getByTestId('withdraw-amount').fill('500');
  await page.getByTestId('withdraw-submit').click();
  await expect(page.getByTestId('withdraw-status')).toHaveText('paid');
  await expect(page.getByTestId('balance')).toHaveText('15.00');
});
