import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './browser.ts';
import { UI_ENV } from './ui-env.ts';

// Driven entirely by the harness (smoke/ui-runner.ts) through environment variables.
const env = process.env;
const numberFrom = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const pool = env[UI_ENV.pool];
const marker = env[UI_ENV.runMarker];

export default defineConfig({
  testDir: './specs',
  outputDir: env[UI_ENV.outputDir] ?? '../.greenlight/smoke-test-results',
  fullyParallel: true,
  forbidOnly: true,
  retries: numberFrom(UI_ENV.retries, 0),
  workers: numberFrom(UI_ENV.workers, 1),
  timeout: numberFrom(UI_ENV.testTimeoutMs, 20_000),
  expect: { timeout: numberFrom(UI_ENV.expectTimeoutMs, 10_000) },
  reporter: [['json']],
  use: {
    baseURL: env[UI_ENV.baseUrl],
    browserName: 'chromium',
    headless: true,
    extraHTTPHeaders: pool ? { 'x-greenlight-pool': pool } : {},
    actionTimeout: numberFrom(UI_ENV.expectTimeoutMs, 10_000),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: env[UI_ENV.executable] || undefined,
      args: [...CHROMIUM_ARGS, ...(marker ? [`--${marker}`] : [])],
    },
  },
});
