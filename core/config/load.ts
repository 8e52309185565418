import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, errorMessage } from '../errors.ts';

export const CONFIG_FILES = ['greenlight.config.ts', 'greenlight.config.mjs', 'greenlight.config.js', 'greenlight.config.json'];

export interface LoadedConfigFile {
  file?: string;
  value: unknown;
}

/** Finds and loads the config file: `--config` if given, else the first of CONFIG_FILES in cwd; none is fine. */
export async function loadConfigFile(cwd: string, explicit?: string): Promise<LoadedConfigFile> {
  const file = explicit ? (isAbsolute(explicit) ? explicit : resolve(cwd, explicit)) : CONFIG_FILES.map((name) => resolve(cwd, name)).find(existsSync);
  if (!file) return { value: {} };
  if (!existsSync(file)) {
    throw new ConfigError('config_not_found', [{ file, path: '', message: 'config file does not exist' }], 'pass an existing file to --config, or omit it');
  }
  try {
    if (file.endsWith('.json')) return { file, value: JSON.parse(readFileSync(file, 'utf8')) };
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (module.default === undefined) {
      throw new ConfigError('config_no_default', [{ file, path: '', message: 'config file has no default export', expected: 'export default defineConfig({ … })' }]);
    }
    return { file, value: module.default };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('config_unreadable', [{ file, path: '', message: `cannot load: ${errorMessage(error)}` }]);
  }
}
