import type { AstNode } from '../sql.ts';

/** Small readers over libpg-query's JSON parse tree. */

export function relationName(relation: AstNode | undefined): string {
  return relation?.relname ?? '';
}

export function alterCommands(node: AstNode): AstNode[] {
  return (node.cmds ?? []).map((cmd: AstNode) => cmd.AlterTableCmd ?? {});
}

export function columnConstraints(columnDef: AstNode | undefined): AstNode[] {
  return (columnDef?.constraints ?? []).map((c: AstNode) => c.Constraint ?? {});
}

export function typeName(columnDef: AstNode | undefined): string {
  const names: AstNode[] = columnDef?.typeName?.names ?? [];
  return names.map((n) => n.String?.sval ?? '').filter((n) => n !== 'pg_catalog').join('.');
}

export function hasTypeModifiers(columnDef: AstNode | undefined): boolean {
  return (columnDef?.typeName?.typmods ?? []).length > 0;
}

/** Every function name called anywhere under a node. */
export function calledFunctions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => calledFunctions(child, found));
  else if (node && typeof node === 'object') {
    const record = node as AstNode;
    if (record.FuncCall) found.push(((record.FuncCall.funcname ?? []) as AstNode[]).map((n) => n.String?.sval ?? '').at(-1) ?? '');
    Object.values(record).forEach((child) => calledFunctions(child, found));
  }
  return found;
}

/** Names of the objects a DROP statement removes (last name part). */
export function droppedNames(node: AstNode): string[] {
  return (node.objects ?? []).map((object: AstNode) => {
    const items: AstNode[] = object.List?.items ?? [object];
    return items.map((item) => item.String?.sval ?? '').at(-1) ?? '';
  });
}

/** The value of `SET [LOCAL] name = value` as text, or undefined if this is not that statement. */
export function setting(kind: string, node: AstNode, name: string): string | undefined {
  if (kind !== 'VariableSetStmt' || node.name !== name || node.kind !== 'VAR_SET_VALUE') return undefined;
  const value = node.args?.[0]?.A_Const;
  if (!value) return undefined;
  return String(value.sval?.sval ?? value.ival?.ival ?? 0);
}
