import { execa } from 'execa';

export type LoadBackend = 'embedded' | 'k6';

/**
 * `auto` runs k6 when a k6 binary answers (`k6Path`, `K6_BIN`, or `k6` on PATH), else the embedded engine;
 * an explicit choice is kept as it is.
 */
export async function resolveLoadBackend(choice: LoadBackend | 'auto', options: { k6Path?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ backend: LoadBackend; k6Path?: string }> {
  if (choice !== 'auto') return { backend: choice, k6Path: options.k6Path };
  const env = options.env ?? process.env;
  const k6Path = options.k6Path ?? env['K6_BIN'] ?? 'k6';
  const answer = await execa(k6Path, ['version'], { reject: false, env, timeout: 5000 });
  return answer.exitCode === 0 ? { backend: 'k6', k6Path } : { backend: 'embedded' };
}
