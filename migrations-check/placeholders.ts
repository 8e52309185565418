/**
 * Flyway's placeholder replacement (on by default): `${name}` anywhere in a script is replaced before it
 * runs, and an unknown name fails the migration. Checksums are computed on the raw text.
 */
export interface PlaceholderContext {
  defaultSchema: string;
  user: string;
  database: string;
  table: string;
  filename: string;
}

const PLACEHOLDER = /\$\{([^}]+)\}/g;

export function replacePlaceholders(sql: string, context: PlaceholderContext, values: Readonly<Record<string, string>> = {}): { sql: string; missing: string[] } {
  const builtIn: Record<string, string> = {
    'flyway:defaultSchema': context.defaultSchema,
    'flyway:user': context.user,
    'flyway:database': context.database,
    'flyway:table': context.table,
    'flyway:filename': context.filename,
    'flyway:timestamp': new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14),
    'flyway:workingDirectory': process.cwd(),
  };
  const missing: string[] = [];
  const replaced = sql.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name] ?? builtIn[name];
    if (value === undefined) missing.push(name);
    return value ?? whole;
  });
  return { sql: replaced, missing };
}
