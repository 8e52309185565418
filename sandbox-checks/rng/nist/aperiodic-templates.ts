/** True when no proper shift of the template overlaps itself (SP 800-22 §2.7: such templates cannot self-overlap). */
export function isAperiodic(template: string): boolean {
  const m = template.length;
  for (let shift = 1; shift < m; shift++) {
    if (template.slice(shift) === template.slice(0, m - shift)) return false;
  }
  return true;
}

/** All aperiodic templates of length m in ascending binary order (148 for m = 9, as STS lists them). */
export function aperiodicTemplates(m: number): string[] {
  const templates: string[] = [];
  for (let value = 0; value < 2 ** m; value++) {
    const template = value.toString(2).padStart(m, '0');
    if (isAperiodic(template)) templates.push(template);
  }
  return templates;
}
