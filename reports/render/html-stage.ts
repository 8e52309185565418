import type { StageReport } from '../report.ts';
import { checkCounts, formatDuration, formatNumber, stageErrorLine } from './format.ts';
import { renderTimeline } from './html-chart.ts';
import { checkCells, checkStatusPills, checkTitle, pill } from './html-parts.ts';
import { escapeHtml as h, truncate } from './text.ts';

const MAX_FACTS = 24;
const MAX_RAW_CHARS = 20_000;

/** One stage as a collapsible block: open unless it passed. */
export function renderStage(stage: StageReport): string {
  const open = stage.status === 'passed' ? '' : ' open';
  const error = stageErrorLine(stage);
  return [
    `<details class="stage"${open} id="stage-${h(stage.id)}">`,
    `<summary>${pill(stage.status)}<span class="stage-title">${h(stage.title)}</span>`,
    `<span class="stage-facts">${h(checkCounts(stage.checks))} · ${h(formatDuration(stage.durationMs))}</span></summary>`,
    '<div class="stage-body">',
    stage.description ? `<p>${h(stage.description)}</p>` : '',
    error ? `<div class="callout"><strong>The stage ${h(error)}</strong></div>` : '',
    checksTable(stage),
    renderTimeline(stage.summary?.timeline),
    summaryFacts(stage.summary),
    '</div></details>',
  ].join('');
}

function checksTable(stage: StageReport): string {
  if (stage.checks.length === 0) return '<p class="note">This stage produced no checks.</p>';
  const rows = stage.checks.map((check) => `<tr><td>${checkStatusPills(check)}</td><td>${checkTitle(check)}</td>${checkCells(check)}</tr>`);
  return `<table><thead><tr><th>Status</th><th>Check</th><th>Observed</th><th>Threshold</th><th>Details</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function summaryFacts(summary: Record<string, unknown> | undefined): string {
  if (!summary) return '';
  const entries = Object.entries(summary).filter(([key]) => key !== 'timeline');
  const scalars = entries.filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)).slice(0, MAX_FACTS);
  const nested = entries.filter(([, v]) => v !== null && typeof v === 'object');
  const facts = scalars.map(([key, value]) => `<div><dt>${h(key)}</dt><dd>${h(typeof value === 'number' ? formatNumber(value) : String(value))}</dd></div>`);
  const raw = nested.length > 0
    ? `<details class="raw"><summary>Measurements (${nested.length} more)</summary><pre>${h(truncate(JSON.stringify(Object.fromEntries(nested), null, 2), MAX_RAW_CHARS))}</pre></details>`
    : '';
  return `${facts.length > 0 ? `<dl class="facts">${facts.join('')}</dl>` : ''}${raw}`;
}
