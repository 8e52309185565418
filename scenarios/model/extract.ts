/** `token`, `data.player.id`, `$.items[0].id` → the value at that path of a parsed JSON body, or undefined. */
export function extractPath(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of pathParts(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const PATH = /^\$?(?:\.?[A-Za-z_][\w-]*|\[\d+\])+$/;

export function isExtractPath(path: string): boolean {
  return PATH.test(path);
}

function pathParts(path: string): string[] {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part.length > 0);
}
