import { z } from 'zod';
import { check, type CheckStatus } from '../check.ts';
import { defineStage, type Stage } from '../stage.ts';
import type { Environment, EnvironmentProvider } from '../../staging/environment.ts';

/** A stage for runner tests: does what its config says, records what happened. */
export function scriptedStage(id: string, journal: string[], behaviour: { status?: CheckStatus; throws?: string; hangs?: boolean; cleanupLabel?: string } = {}): Stage<Record<string, never>> {
  return defineStage({
    id,
    title: `Stage ${id}`,
    configSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    describe: () => `scripted ${id}`,
    plan: () => [{ title: `do ${id}` }],
    async run(ctx) {
      journal.push(`run ${id}`);
      if (behaviour.cleanupLabel) ctx.cleanup.register(behaviour.cleanupLabel, () => void journal.push(`undo ${behaviour.cleanupLabel}`));
      if (behaviour.hangs) {
        ctx.progress('waiting forever');
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
      }
      if (behaviour.throws) throw new Error(behaviour.throws);
      return {};
    },
    evaluate: () => [check({ id: `${id}-check`, title: `${id} works`, status: behaviour.status ?? 'pass', message: `${id} said ${behaviour.status ?? 'pass'}` })],
  });
}

export function fakeProvider(journal: string[], options: { fails?: string } = {}): EnvironmentProvider {
  return {
    name: 'fake',
    capabilities: ['http'],
    async up(ctx) {
      journal.push('env up');
      if (options.fails) throw new Error(options.fails);
      ctx.cleanup.register('environment', () => void journal.push('env down'));
      const env: Environment = { provider: 'fake', urls: { edge: 'http://127.0.0.1:9/' }, capabilities: new Set(['http']), releases: {}, controls: {} };
      return env;
    },
  };
}
