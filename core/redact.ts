/** Keys whose values are secrets wherever they appear. */
const SECRET_KEY = /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|authorization|cookie|credential|session)$/i;

export const REDACTED = '[REDACTED]';

/** Redacts secrets inside free text: URL credentials, bearer tokens, key=value pairs, known secret values. */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^:@\/\s]+):([^@\/\s]+)@/gi, `$1$2:${REDACTED}@`)
    .replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+\/=-]{8,}/gi, `$1 ${REDACTED}`)
    .replace(/\b((?:[a-z_]*_)?(?:password|passwd|secret|token|api_?key))(["']?\s*[=:]\s*["']?)([^\s"',;&]+)/gi, `$1$2${REDACTED}`);
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep-copies a value with secret-named keys and secret-looking strings redacted. */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key && SECRET_KEY.test(key) ? REDACTED : redactText(v, knownSecrets);
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, SECRET_KEY.test(k) && item != null && typeof item !== 'object' ? REDACTED : walk(item, k)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Collects the string values under secret-named keys, so they can be scrubbed from any text later. */
export function collectSecrets(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && typeof v === 'string' && v.length >= 4) found.push(v);
      else collectSecrets(v, found);
    }
  }
  return found;
}
