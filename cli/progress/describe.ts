import type { RunEvent } from '../../core/runner/events.ts';

/** One line of words for an event, shared by both renderers. */
export function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run-start':
      return `run ${event.runId}: ${event.stages.length} stage(s): ${event.stages.map((s) => s.id).join(', ')}`;
    case 'environment':
      return event.message;
    case 'stage-start':
      return `${event.stageId}: started`;
    case 'stage-progress':
      return `${event.stageId}: ${event.message}`;
    case 'stage-end': {
      const counts = Object.entries(event.counts).map(([status, n]) => `${n} ${status}`).join(', ');
      return `${event.stageId}: ${event.status} in ${(event.durationMs / 1000).toFixed(1)} s (${counts || 'no checks'})`;
    }
    case 'interrupt':
      return `interrupted (${event.cause}): cleaning up; the report will be marked interrupted`;
    case 'cleanup':
      if (event.state === 'running') return 'cleaning up';
      return event.state === 'clean' ? 'cleanup: clean' : `cleanup: LEAKED ${event.leftovers.join('; ')}`;
    case 'run-end':
      return `${event.verdict} (exit ${event.exitCode})`;
  }
}
