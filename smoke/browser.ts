import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** Where a Chromium came from, in the order discovery tries. */
export type BrowserSource = 'env' | 'system' | 'playwright';

export type BrowserDiscovery =
  | { found: true; executablePath: string; source: BrowserSource }
  | { found: false; message: string; tried: string[] };

export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** The flags every smoke browser starts with (headless, no sandbox in containers, no background traffic). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] as const;

export interface DiscoveryProbe {
  env: Record<string, string | undefined>;
  isExecutable(path: string): boolean;
  /** The executable Playwright itself would use, when its browsers are installed. */
  playwrightChromium(): string | undefined;
}

/**
 * `PLAYWRIGHT_CHROMIUM_EXECUTABLE`, then a system Chromium on PATH (or /usr/bin), then Playwright's own.
 * An explicit variable that points nowhere is an error rather than a silent fallback.
 */
export function discoverChromium(probe: DiscoveryProbe = systemProbe()): BrowserDiscovery {
  const tried: string[] = [];
  const explicit = probe.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (explicit) {
    if (probe.isExecutable(explicit)) return { found: true, executablePath: explicit, source: 'env' };
    return { found: false, tried: [explicit], message: `PLAYWRIGHT_CHROMIUM_EXECUTABLE=${explicit} is not an executable file; point it at a Chromium binary or unset it` };
  }
  const dirs = [...(probe.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin', '/snap/bin'];
  for (const name of SYSTEM_CHROMIUM_NAMES) {
    for (const dir of new Set(dirs)) {
      const candidate = join(dir, name);
      tried.push(candidate);
      if (probe.isExecutable(candidate)) return { found: true, executablePath: candidate, source: 'system' };
    }
  }
  const bundled = probe.playwrightChromium();
  if (bundled) {
    tried.push(bundled);
    if (probe.isExecutable(bundled)) return { found: true, executablePath: bundled, source: 'playwright' };
  }
  return {
    found: false,
    tried,
    message: `no Chromium found (tried PLAYWRIGHT_CHROMIUM_EXECUTABLE, ${SYSTEM_CHROMIUM_NAMES.join(', ')} and Playwright's own): install one with \`apt-get install chromium\` or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary`,
  };
}

export function systemProbe(env: Record<string, string | undefined> = process.env): DiscoveryProbe {
  return {
    env,
    isExecutable: (path) => {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    playwrightChromium: playwrightOwnChromium,
  };
}

function playwrightOwnChromium(): string | undefined {
  try {
    const core = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    return core.chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}
