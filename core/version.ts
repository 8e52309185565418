import { readFileSync } from 'node:fs';

/** Greenlight's own version, as package.json states it. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
