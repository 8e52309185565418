import pgQuery from 'libpg-query';

/** A parse-tree node from libpg-query (PostgreSQL's own parser), kept as plain JSON. */
export type AstNode = Record<string, any>;

export interface SqlStatement {
  /** The statement text as written, without the trailing semicolon or leading comments. */
  text: string;
  /** 1-based line of the statement's first token in the file. */
  line: number;
  /** The parse node's type, e.g. `IndexStmt`, `AlterTableStmt`. */
  kind: string;
  /** The node under `kind`. */
  node: AstNode;
}

export class SqlSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'SqlSyntaxError';
    this.line = line;
  }
}

let loaded: Promise<void> | undefined;

/** Loads the WebAssembly parser once per process. */
export function loadParser(): Promise<void> {
  loaded ??= pgQuery.loadModule();
  return loaded;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function lineAt(text: string, charOffset: number): number {
  return (text.slice(0, charOffset).match(LINE_BREAK)?.length ?? 0) + 1;
}

/** Skips whitespace and comments, so a statement's line is that of its first token. */
function skipLeadingTrivia(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i)) {
      const end = text.slice(i).search(/[\r\n]/);
      if (end < 0) return text.length;
      i += end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return text.length;
      i = end + 2;
    } else {
      return i;
    }
  }
}

/** Splits a script into statements with PostgreSQL's parser; a syntax error carries its line. */
export async function parseStatements(sql: string): Promise<SqlStatement[]> {
  await loadParser();
  const bytes = Buffer.from(sql, 'utf8');
  const charOffset = (byteOffset: number) => bytes.subarray(0, byteOffset).toString('utf8').length;
  let result;
  try {
    result = pgQuery.parseSync(sql);
  } catch (error) {
    const details = pgQuery.hasSqlDetails(error) ? error.sqlDetails : undefined;
    const line = details ? lineAt(sql, charOffset(details.cursorPosition)) : 1;
    throw new SqlSyntaxError(error instanceof Error ? error.message : String(error), line);
  }
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len ? startByte + raw.stmt_len : bytes.length;
    const start = charOffset(startByte);
    const chunk = sql.slice(start, charOffset(endByte));
    const skip = skipLeadingTrivia(chunk);
    const node = (raw.stmt ?? {}) as AstNode;
    const kind = Object.keys(node)[0] ?? 'Unknown';
    statements.push({ text: chunk.slice(skip).trim(), line: lineAt(sql, start + skip), kind, node: node[kind] ?? {} });
  }
  return statements;
}
