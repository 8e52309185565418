import { releaseCheck } from '../../release-checks/index.ts';
import { list, parseCommandArgs } from '../args.ts';
import { line, type CliIO } from '../io.ts';

export const RELEASE_HELP = `Usage: greenlight release check [options]

Judges whether a release may be promoted from its manifest and supporting files: SemVer order and bump,
artifacts pinned by digest and built once, new flags off, dependency scans (npm audit, OSV-Scanner, SARIF)
with an audited allow-list, the P1 security-patch SLA, staging ≈ production drift.

Options:
      --config <file>              YAML/JSON with the release stage settings (paths relative to it)
      --candidate <manifest>       candidate release manifest (fixtures/releases/<version>.json)
      --production <manifest>      the manifest running in production now
      --production-version <v>     or only its version
      --migrations <paths>         the release's new SQL files or folders, comma-separated
      --scans <files>              scan reports, comma-separated (format detected)
      --allowlist <file>           YAML allow-list [{id, reason, expires, approvedBy}]
      --staging-manifests <path>   rendered staging manifests (file, folder or kustomization)
      --production-manifests <p>   rendered production manifests
      --output-dir <dir>           state directory (releases-seen.json) [default .greenlight]
      --json                       checks as JSON
  -h, --help                       show this help

Exit codes: 0 GO · 1 NO-GO · 2 INCONCLUSIVE · 64 unusable input.`;

export async function releaseCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') return line(sub === '--help' || sub === '-h' ? io.stdout : io.stderr, RELEASE_HELP), sub === '--help' || sub === '-h' ? 0 : 64;
  const { values } = parseCommandArgs('release check', rest, {
    config: { type: 'string' }, candidate: { type: 'string' }, production: { type: 'string' }, 'production-version': { type: 'string' },
    migrations: { type: 'string' }, scans: { type: 'string' }, allowlist: { type: 'string' }, 'staging-manifests': { type: 'string' },
    'production-manifests': { type: 'string' }, 'output-dir': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  if (values.help) return line(io.stdout, RELEASE_HELP), 0;
  return releaseCheck({
    config: values.config, candidate: values.candidate, production: values.production, productionVersion: values['production-version'],
    migrations: list(values.migrations), scans: list(values.scans), allowlist: values.allowlist,
    stagingManifests: values['staging-manifests'], productionManifests: values['production-manifests'],
    stateDir: values['output-dir'], json: values.json, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr,
  });
}
