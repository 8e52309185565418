/** Every object a run creates carries this label, so `greenlight cleanup` can find a crashed run's leftovers. */
export const RUN_ID_LABEL = 'greenlight.dev/run-id';
export const FIELD_MANAGER = 'greenlight';

export function runSelector(runId: string): string {
  return `${RUN_ID_LABEL}=${runId}`;
}

interface Labelled {
  metadata?: { labels?: Record<string, string> };
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
}

/** A copy of the object with the run-id label on it and, for workloads, on its pods. Selectors are left alone. */
export function withRunLabel<T extends Labelled>(object: T, runId: string): T {
  const copy = structuredClone(object);
  copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, [RUN_ID_LABEL]: runId } };
  const template = copy.spec?.template;
  if (template) template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [RUN_ID_LABEL]: runId } };
  return copy;
}
