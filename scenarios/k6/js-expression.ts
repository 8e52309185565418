import { parseTemplate, type TemplatePart } from '../model/template.ts';

/** A template string as a k6 JavaScript expression over `vars`, `uuid()` and `fake(path, arg)`. */
function partExpression(part: TemplatePart): string {
  switch (part.kind) {
    case 'text':
      return JSON.stringify(part.text);
    case 'faker':
      return `fake(${JSON.stringify(part.path.join('.'))}${part.args.length > 0 ? `, ${JSON.stringify(part.args[0])}` : ''})`;
    case 'var':
      if (part.name === 'uuid') return 'uuid()';
      if (part.name === 'now') return 'Date.now()';
      return `vars[${JSON.stringify(part.name)}]`;
  }
}

export function stringExpression(text: string, keepType = false): string {
  const parts = parseTemplate(text);
  if (parts.length === 0) return '""';
  if (keepType && parts.length === 1) return partExpression(parts[0]!);
  return parts.map((part) => (part.kind === 'text' ? partExpression(part) : `String(${partExpression(part)})`)).join(' + ');
}

/** A JSON value with templates as a JavaScript expression (a lone expression keeps its type). */
export function valueExpression(value: unknown): string {
  if (typeof value === 'string') return stringExpression(value, true);
  if (Array.isArray(value)) return `[${value.map(valueExpression).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${valueExpression(v)}`).join(', ')} }`;
  return JSON.stringify(value ?? null);
}
