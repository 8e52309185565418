/** A statement that breaks readers of the previous schema: they need a MAJOR release. */
export interface DestructiveChange {
  file: string;
  statement: string;
  kind: 'drop-table' | 'drop-column' | 'rename-table' | 'rename-column';
}

const IDENT = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|[\w.]+)`;
const NOT_A_COLUMN = new Set(['constraint', 'default', 'not', 'index', 'identity', 'expression', 'if']);

/** Comments and string literals removed, so `-- DROP TABLE x` or `'DROP TABLE'` never count. */
export function stripSqlNoise(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, "''")
    .replace(/'(?:[^']|'')*'/g, "''");
}

export function findDestructiveChanges(file: string, sql: string): DestructiveChange[] {
  const found: DestructiveChange[] = [];
  for (const raw of stripSqlNoise(sql).split(';')) {
    const statement = raw.replace(/\s+/g, ' ').trim();
    const kind = classify(statement);
    if (kind) found.push({ file, statement: statement.slice(0, 200), kind });
  }
  return found;
}

function classify(statement: string): DestructiveChange['kind'] | undefined {
  const s = statement.toLowerCase();
  if (/^drop table\b/.test(s)) return 'drop-table';
  if (/^rename table\b/.test(s)) return 'rename-table';
  const alter = new RegExp(String.raw`^alter table (?:if exists )?(?:only )?${IDENT} (.*)$`, 'i').exec(statement);
  if (!alter?.[1]) return undefined;
  const actions = alter[1].toLowerCase();
  if (/(^|,)\s*rename column\b/.test(actions)) return 'rename-column';
  if (/(^|,)\s*rename to\b/.test(actions)) return 'rename-table';
  if (new RegExp(String.raw`(^|,)\s*rename ${IDENT} to\b`, 'i').test(actions)) return 'rename-column';
  if (/(^|,)\s*drop column\b/.test(actions)) return 'drop-column';
  for (const m of actions.matchAll(/(?:^|,)\s*drop\s+("?[\w]+"?)/g)) {
    const word = (m[1] ?? '').replace(/"/g, '');
    if (!NOT_A_COLUMN.has(word)) return 'drop-column';
  }
  return undefined;
}
