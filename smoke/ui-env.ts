/** The environment variables the harness passes to Playwright Test, read back by `playwright.config.ts`. */
export const UI_ENV = {
  baseUrl: 'BASE_URL',
  pool: 'GREENLIGHT_POOL',
  executable: 'PLAYWRIGHT_CHROMIUM_EXECUTABLE',
  jsonReport: 'PLAYWRIGHT_JSON_OUTPUT_FILE',
  outputDir: 'GREENLIGHT_SMOKE_OUTPUT_DIR',
  retries: 'GREENLIGHT_SMOKE_RETRIES',
  workers: 'GREENLIGHT_SMOKE_WORKERS',
  testTimeoutMs: 'GREENLIGHT_SMOKE_TEST_TIMEOUT_MS',
  expectTimeoutMs: 'GREENLIGHT_SMOKE_EXPECT_TIMEOUT_MS',
  /** A marker on every browser's command line, so a test can prove none outlives the run. */
  runMarker: 'GREENLIGHT_SMOKE_RUN_MARKER',
} as const;
