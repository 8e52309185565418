import type { Check } from '../../core/check.ts';
import type { Report, StageReport } from '../report.ts';
import { checkCounts, decidingChecks, formatBytes, formatNumber, formatDuration, formatObserved, formatStatistics, releaseLine, STATUS_LABEL, stageErrorLine } from './format.ts';
import { escapeMarkdown, truncate } from './text.ts';

/** GitHub rejects a step summary over 1 MiB; keep a margin for what the job appends. */
export const GITHUB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_MAX_BYTES = GITHUB_SUMMARY_LIMIT_BYTES - 24 * 1024;
const CELL_MAX_CHARS = 400;
const ROWS_PER_TABLE = 300;
/** Room always kept for the headings and notes that follow a truncated table. */
const TAIL_RESERVE_BYTES = 4 * 1024;

export interface MarkdownOptions {
  maxBytes?: number;
}

/** report.md: fits a GitHub step summary or PR comment; verdict first, then reasons, deciding checks, stages, cleanup, artifacts. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const out = new BudgetedText(options.maxBytes ?? DEFAULT_MAX_BYTES);
  out.line(`## ${report.verdict} — ${md(releaseLine(report))}`);
  out.line('');
  out.line(`Exit code **${report.exitCode}** · profile \`${code(report.profile)}\` · environment \`${code(report.environment.provider)}\` · run \`${code(report.runId)}\` · ${formatDuration(report.durationMs)}`);
  if (report.interrupted) out.line(`\n**Interrupted** (${report.interruption ? `${report.interruption.cause} at ${md(report.interruption.at)}` : 'cause unknown'}): the run did not finish.`);
  out.line('');
  out.line('### Why');
  out.list(report.reasons.length > 0 ? report.reasons.map(md) : ['No reasons were recorded.'], 'reasons');

  const deciding = decidingChecks(report);
  out.line('');
  out.line('### Blocking checks that did not pass');
  if (deciding.length === 0) out.line('None: every blocking check passed.');
  else {
    out.table(
      ['Stage', 'Check', 'Status', 'Observed', 'Threshold', 'Message'],
      deciding.map(({ stage, check }) => [stage.title, check.title, STATUS_LABEL[check.status], formatObserved(check), check.threshold ?? '—', check.message]),
    );
  }
  const unfinished = report.stages.filter((stage) => stage.error);
  if (unfinished.length > 0) {
    out.line('');
    out.list(unfinished.map((stage) => `Stage **${md(stage.title)}** ${md(stageErrorLine(stage) ?? '')}`), 'stages');
  }

  out.line('');
  out.line('### Stages');
  for (const [index, stage] of report.stages.entries()) {
    if (out.exhausted) {
      out.line(`\n_${report.stages.length - index} more stages not shown here to keep the summary within GitHub's size limit; see report.html or report.json._`);
      break;
    }
    renderStage(out, stage);
  }

  out.line('');
  out.line(`### Cleanup: ${report.cleanup.status}`);
  if (report.cleanup.leftovers.length > 0) out.list(report.cleanup.leftovers.map((l) => `left behind: ${md(l)}`), 'leftovers');
  else out.line('Nothing was left behind.');

  out.line('');
  out.line('### Artifacts');
  if (report.artifacts.length === 0) out.line('No artifacts.');
  else out.table(['Path', 'Size', 'SHA-256'], report.artifacts.map((a) => [a.path, formatBytes(a.bytes), a.sha256]), { codeColumns: [0, 2] });

  if (report.reporterErrors && report.reporterErrors.length > 0) {
    out.line('');
    out.line('### Reporter errors');
    out.list(report.reporterErrors.map((e) => `${md(e.reporter)}: ${md(e.message)}`), 'reporter errors');
  }
  out.line('');
  out.line(`<sub>greenlight ${md(report.tool.version)} · ${md(report.schema)} · started ${md(report.startedAt)}</sub>`);
  return out.toString();
}

function renderStage(out: BudgetedText, stage: StageReport): void {
  out.line('');
  out.line(`#### ${md(stage.title)} — ${stage.status} (${checkCounts(stage.checks)}, ${formatDuration(stage.durationMs)})`);
  const error = stageErrorLine(stage);
  if (error) out.line(`\n**The stage ${md(error)}**`);
  if (stage.checks.length === 0) return;
  out.line('');
  out.table(['Check', 'Status', 'Blocking', 'Observed', 'Threshold', 'Samples', 'Message'], stage.checks.map(checkRow));
}

function checkRow(check: Check): string[] {
  const statistics = check.statistics ? ` (${formatStatistics(check.statistics)})` : '';
  return [
    check.title,
    STATUS_LABEL[check.status],
    check.blocking ? 'yes' : 'no',
    formatObserved(check),
    check.threshold ?? '—',
    check.samples === undefined ? '—' : formatNumber(check.samples),
    `${check.message}${statistics}`,
  ];
}

function md(text: string): string {
  return escapeMarkdown(text);
}

/** Text inside a code span: backticks cannot be escaped there, so they are replaced. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

/** Appends lines while they fit; tables and lists that would overflow end in a note saying what was left out. */
class BudgetedText {
  private readonly parts: string[] = [];
  private used = 0;
  /** Set once something was left out for lack of room: later bulk sections are summarised instead. */
  exhausted = false;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  line(text: string): void {
    this.push(text);
  }

  list(items: readonly string[], what: string): void {
    this.rows(items.slice(0, ROWS_PER_TABLE).map((item) => `- ${truncate(item, CELL_MAX_CHARS * 4)}`), what, items.length);
  }

  table(header: readonly string[], rows: readonly string[][], options: { codeColumns?: number[] } = {}): void {
    this.push(`| ${header.join(' | ')} |`);
    this.push(`|${header.map(() => ' --- ').join('|')}|`);
    const cell = (value: string, column: number) => {
      const short = truncate(value, CELL_MAX_CHARS);
      return options.codeColumns?.includes(column) ? `\`${code(short).replace(/\|/g, '\\|')}\`` : md(short);
    };
    const shown = rows.slice(0, ROWS_PER_TABLE).map((row) => `| ${row.map(cell).join(' | ')} |`);
    this.rows(shown, 'rows', rows.length);
  }

  toString(): string {
    return `${this.parts.join('\n')}\n`;
  }

  /** `total` counts rows the caller already left out before rendering them. */
  private rows(lines: readonly string[], what: string, total = lines.length): void {
    let shown = 0;
    for (const line of lines) {
      if (!this.fits(line, TAIL_RESERVE_BYTES)) {
        this.exhausted = true;
        break;
      }
      this.push(line);
      shown += 1;
    }
    if (shown < total) {
      this.push(`\n_${total - shown} more ${what} not shown here to keep the summary within GitHub's size limit; see report.html or report.json._`);
    }
  }

  private fits(text: string, reserve: number): boolean {
    return this.used + Buffer.byteLength(text) + 1 <= this.maxBytes - reserve;
  }

  private push(text: string): void {
    if (!this.fits(text, 0)) return;
    this.parts.push(text);
    this.used += Buffer.byteLength(text) + 1;
  }
}
