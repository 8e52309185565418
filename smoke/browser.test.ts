import { describe, expect, it } from 'vitest';
import { discoverChromium, systemProbe, type DiscoveryProbe } from './browser.ts';

const probe = (executables: string[], env: Record<string, string | undefined> = {}, bundled?: string): DiscoveryProbe => ({
  env: { PATH: '/opt/bin:/usr/bin', ...env },
  isExecutable: (path) => executables.includes(path),
  playwrightChromium: () => bundled,
});

describe('discoverChromium', () => {
  it.each([
    { name: 'the variable wins over a system browser', exe: ['/x/chrome', '/usr/bin/chromium'], env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/x/chrome' }, want: ['/x/chrome', 'env'] },
    { name: 'a system chromium on PATH', exe: ['/opt/bin/chromium', '/usr/bin/chromium'], env: {}, want: ['/opt/bin/chromium', 'system'] },
    { name: 'chromium-browser when chromium is missing', exe: ['/usr/bin/chromium-browser'], env: {}, want: ['/usr/bin/chromium-browser', 'system'] },
    { name: 'google-chrome last among system browsers', exe: ['/usr/bin/google-chrome'], env: {}, want: ['/usr/bin/google-chrome', 'system'] },
    { name: "Playwright's own when nothing else", exe: ['/ms-playwright/chrome'], env: {}, bundled: '/ms-playwright/chrome', want: ['/ms-playwright/chrome', 'playwright'] },
  ])('$name', ({ exe, env, bundled, want }) => {
    const found = discoverChromium(probe(exe, env, bundled));
    expect(found.found && [found.executablePath, found.source]).toEqual(want);
  });

  it('says what to install when there is no browser at all', () => {
    const found = discoverChromium(probe([], {}, '/ms-playwright/not-downloaded'));
    expect(found.found).toBe(false);
    if (!found.found) {
      expect(found.message).toContain('apt-get install chromium');
      expect(found.message).toContain('PLAYWRIGHT_CHROMIUM_EXECUTABLE');
      expect(found.tried).toContain('/usr/bin/chromium');
    }
  });

  it('refuses a variable that points nowhere instead of silently using another browser', () => {
    const found = discoverChromium(probe(['/usr/bin/chromium'], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/nope/chrome' }));
    expect(found).toMatchObject({ found: false, tried: ['/nope/chrome'] });
  });

  it('finds a real executable through the system probe and rejects a directory', () => {
    expect(discoverChromium(systemProbe({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: process.execPath }))).toMatchObject({ found: true, source: 'env' });
    expect(discoverChromium(systemProbe({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/usr/bin' })).found).toBe(false);
  });
});
