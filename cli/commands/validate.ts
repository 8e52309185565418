import { parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';
import { loadResolvedConfig, RUN_FLAGS, RUN_FLAGS_HELP } from '../resolve.ts';

export const VALIDATE_HELP = `Usage: greenlight validate [options]

Validates the config, the profile, the release versions and every stage's settings and thresholds,
listing every problem at once with its path. Exits 0 when valid, 64 otherwise. Runs nothing.

Options:
${RUN_FLAGS_HELP}
  -h, --help              show this help`;

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('validate', argv, RUN_FLAGS, false);
  if (values.help) return line(io.stdout, VALIDATE_HELP), 0;
  const config = await loadResolvedConfig(io, values);
  line(io.stdout, `${config.file ?? 'built-in defaults'}: valid — profile ${config.profile}, ${config.stages.length} stage(s): ${config.stages.map((s) => s.stage.id).join(', ')}`);
  return 0;
}
