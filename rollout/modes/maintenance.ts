import { chromium, type Browser } from 'playwright-core';
import { request } from 'undici';
import type { RunContext } from '../../core/run-context.ts';
import type { ApiAdminAccess } from '../../staging/local/controls.ts';
import { CHROMIUM_ARGS, discoverChromium } from '../../smoke/index.ts';
import { control, requireEnv } from '../drill-support.ts';
import { adminCall } from './api-admin.ts';

export type Notice = '24h' | '1h' | 'active' | null;

/** When the window starts (from now) and which notice players must see then. */
export const NOTICE_SCHEDULE: readonly { label: string; startsInMs: number; expected: Notice }[] = [
  { label: '25 h before', startsInMs: 25 * 3_600_000, expected: null },
  { label: '24 h before', startsInMs: 24 * 3_600_000 - 60_000, expected: '24h' },
  { label: '1 h before', startsInMs: 3_600_000 - 60_000, expected: '1h' },
];

export interface NoticeObservation {
  label: string;
  expected: Notice;
  /** What GET /maintenance announced. */
  notice: Notice;
  /** Whether the UI showed the banner, and its text. */
  bannerVisible: boolean | null;
  bannerText: string | null;
}

export interface MaintenanceObservation {
  /** `browser`: Chromium rendered the page; `http`: only the served page's banner element was checked. */
  bannerCheckedWith: 'browser' | 'http';
  browserProblem?: string;
  notices: NoticeObservation[];
  restoredWindows: number;
}

interface StoredWindow {
  startsAt: string;
  endsAt: string;
  message: string;
}

async function bannerOverHttp(edge: string): Promise<{ visible: boolean | null; text: string | null }> {
  const response = await request(new URL('/', edge), { headersTimeout: 10_000, bodyTimeout: 10_000 });
  const html = await response.body.text();
  // The element is filled by the page's script; over HTTP we can only prove it is served.
  return { visible: null, text: response.statusCode === 200 && /data-testid="maintenance-banner"/.test(html) ? '' : null };
}

async function bannerInBrowser(browser: Browser, edge: string): Promise<{ visible: boolean; text: string | null }> {
  const page = await browser.newPage();
  try {
    await page.goto(new URL('/', edge).href, { waitUntil: 'networkidle', timeout: 15_000 });
    const banner = page.getByTestId('maintenance-banner');
    const visible = await banner.isVisible();
    return { visible, text: visible ? (await banner.textContent())?.trim() ?? '' : null };
  } finally {
    await page.close();
  }
}

/** Schedules a maintenance window at 25 h, 24 h and 1 h ahead and reads the notice and the UI banner each time. */
export async function runMaintenanceDrill(ctx: RunContext, message: string, options: { browser: boolean } = { browser: true }): Promise<MaintenanceObservation> {
  const env = requireEnv(ctx);
  const access = control<ApiAdminAccess>(env, 'read-only-toggle');
  const existing = ((await adminCall(access, 'GET', '/maintenance')).windows as StoredWindow[]).map(({ startsAt, endsAt, message: m }) => ({ startsAt, endsAt, message: m }));
  const restore = ctx.cleanup.register('rollout: restore maintenance windows', async () => void (await adminCall(access, 'PUT', '/admin/maintenance', { windows: existing })));
  let browser: Browser | undefined;
  let browserProblem: string | undefined;
  if (options.browser) {
    const found = discoverChromium();
    if (found.found) {
      try {
        browser = await chromium.launch({ executablePath: found.executablePath, args: [...CHROMIUM_ARGS] });
      } catch (error) {
        browserProblem = `Chromium did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      }
    } else browserProblem = found.message;
  }
  const notices: NoticeObservation[] = [];
  try {
    for (const step of NOTICE_SCHEDULE) {
      const startsAt = new Date(Date.now() + step.startsInMs);
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
      await adminCall(access, 'PUT', '/admin/maintenance', { windows: [{ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), message }] });
      const notice = ((await adminCall(access, 'GET', '/maintenance')).notice ?? null) as Notice;
      const banner = browser ? await bannerInBrowser(browser, env.urls.edge) : await bannerOverHttp(env.urls.edge);
      notices.push({ label: step.label, expected: step.expected, notice, bannerVisible: banner.visible, bannerText: banner.text });
    }
  } finally {
    await browser?.close();
    await restore.run();
  }
  return { bannerCheckedWith: browser ? 'browser' : 'http', browserProblem, notices, restoredWindows: existing.length };
}
