import type { ResolvedConfig } from '../../core/config/resolve.ts';
import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { loadResolvedConfig, RUN_FLAGS, RUN_FLAGS_HELP } from '../resolve.ts';

export const PLAN_HELP = `Usage: greenlight plan [options]

Shows what a run would do — which stages, in which order, on which environment, with which
thresholds — without starting anything.

Options:
${RUN_FLAGS_HELP}
      --json              print the plan as JSON
  -h, --help              show this help`;

export async function planCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('plan', argv, { ...RUN_FLAGS, json: { type: 'boolean' } }, false);
  if (values.help) return line(io.stdout, PLAN_HELP), 0;
  const config = await loadResolvedConfig(io, values);
  if (values.json) line(io.stdout, JSON.stringify(planJson(config), null, 2));
  else io.stdout.write(renderPlan(config));
  return 0;
}

export function planJson(config: ResolvedConfig) {
  return {
    profile: config.profile,
    release: config.release,
    environment: config.environment.provider,
    timeouts: config.timeouts,
    stages: config.stages.map(({ stage, config: c }) => ({
      id: stage.id,
      title: stage.title,
      description: stage.describe(c),
      needs: stage.needs ?? [],
      steps: stage.plan(c),
      thresholds: (c as { thresholds?: unknown }).thresholds ?? {},
    })),
  };
}

export function renderPlan(config: ResolvedConfig): string {
  const out: string[] = [];
  const { candidate, baseline } = config.release;
  out.push(`Plan (profile ${config.profile}${config.profileDescription ? `: ${config.profileDescription}` : ''})`);
  out.push(`  release   ${candidate.version}${baseline ? ` against baseline ${baseline.version}` : ''}`);
  out.push(`  env       ${config.environment.provider} (${config.environment.instances} api instances per release)`);
  out.push(`  deadline  run ${config.timeouts.runMs / 1000} s, each stage ${config.timeouts.stageMs / 1000} s`);
  out.push(`  reports   ${config.reporters.join(', ')} in ${config.outputDir}/runs/<run-id>/`);
  config.stages.forEach(({ stage, config: c }, i) => {
    out.push('', `${i + 1}. ${stage.title} [${stage.id}] — ${stage.describe(c)}`);
    for (const step of stage.plan(c)) out.push(`   - ${step.title}${step.detail ? `: ${step.detail}` : ''}`);
    const thresholds = (c as { thresholds?: Record<string, unknown[]> }).thresholds ?? {};
    for (const [key, exprs] of Object.entries(thresholds)) {
      out.push(`   threshold ${key}: ${exprs.map((e) => (typeof e === 'string' ? e : (e as { threshold: string }).threshold)).join(', ')}`);
    }
  });
  if (config.stages.length === 0) out.push('', 'No stages selected: such a run proves nothing and ends INCONCLUSIVE.');
  return `${out.join('\n')}\n`;
}
