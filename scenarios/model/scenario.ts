import { z } from 'zod';
import { thresholdsSchema } from '../../core/thresholds/index.ts';
import { durationSchema, positiveDurationSchema } from './duration.ts';
import { executorSchema } from './executors.ts';
import { isExtractPath } from './extract.ts';
import { BUILTIN_VARS, templateIssues, templateVariables } from './template.ts';

const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
const nameSchema = z.string().regex(NAME, 'expected 1–64 letters, digits, "_", "-" or "." (used as a metric tag)');

export const stepSchema = z
  .object({
    name: nameSchema,
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    /** Path (with query) under the target's base URL; templates allowed. */
    path: z.string().startsWith('/', 'expected a path starting with "/"'),
    headers: z.record(z.string(), z.string()).default({}),
    /** JSON body; strings may hold templates. */
    json: z.unknown().optional(),
    /** Variables to take from the JSON answer: name → path (`token`, `data.id`, `$.items[0].id`). */
    extract: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'expected a variable name'), z.string().refine(isExtractPath, 'expected a JSON path like "token" or "data.items[0].id"')).default({}),
    /** Statuses that count as success (default 200–399, as k6's expected_response). */
    expectStatus: z.array(z.number().int().min(100).max(599)).min(1).optional(),
    /** Run until it has succeeded once for this VU (sign up and log in once, spin many times). */
    once: z.boolean().default(false),
    /** Pause after the step, like k6's sleep(). */
    thinkTime: durationSchema.optional(),
  })
  .strict();

export const flowSchema = z
  .object({
    name: nameSchema,
    weight: z.number().positive().max(1_000_000).default(1),
    steps: z.array(stepSchema).min(1).max(50),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: nameSchema,
    description: z.string().optional(),
    executor: executorSchema,
    flows: z.array(flowSchema).min(1).max(20),
    /** Values templates may read, e.g. a bet size. */
    variables: z.record(z.string().regex(/^[A-Za-z_]\w*$/), z.union([z.string(), z.number(), z.boolean()])).default({}),
    thresholds: thresholdsSchema.default({}),
    /** Per-request deadline; a request past it counts as failed (status 0). */
    requestTimeout: positiveDurationSchema.default('10s'),
    /** Keep-alive connections per generator thread (undici Pool); default min(maxVUs, 256). */
    connections: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const names = new Set<string>();
    scenario.flows.forEach((flow, f) => {
      if (names.has(flow.name)) ctx.addIssue({ code: 'custom', path: ['flows', f, 'name'], message: `duplicate flow name "${flow.name}"` });
      names.add(flow.name);
      const known = new Set<string>([...BUILTIN_VARS, ...Object.keys(scenario.variables)]);
      flow.steps.forEach((step, s) => {
        const at = ['flows', f, 'steps', s];
        for (const [field, value] of [['path', step.path], ['headers', step.headers], ['json', step.json]] as const) {
          for (const issue of templateIssues(value)) ctx.addIssue({ code: 'custom', path: [...at, field, ...issue.path], message: issue.message });
          if (templateIssues(value).length > 0) continue;
          for (const name of templateVariables(value)) {
            if (!known.has(name)) ctx.addIssue({ code: 'custom', path: [...at, field], message: `variable "${name}" is read before any step extracts it or variables declare it` });
          }
        }
        for (const name of Object.keys(step.extract)) {
          known.add(name);
        }
      });
    });
    if ('maxVUs' in scenario.executor && scenario.executor.maxVUs !== undefined && scenario.executor.maxVUs < scenario.executor.preAllocatedVUs) {
      ctx.addIssue({ code: 'custom', path: ['executor', 'maxVUs'], message: `maxVUs (${scenario.executor.maxVUs}) is below preAllocatedVUs (${scenario.executor.preAllocatedVUs})` });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Flow = Scenario['flows'][number];
export type Step = Flow['steps'][number];

/** Identity, for type inference when writing a scenario in TypeScript. */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
