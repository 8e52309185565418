import type { Check } from '../../core/check.ts';
import { formatObserved, formatStatistics, STATUS_LABEL } from './format.ts';
import { escapeHtml as h } from './text.ts';

/** Small HTML pieces shared by the report sections. Every report string passes through `h`. */

export function pill(status: string, label = status.toUpperCase()): string {
  return `<span class="pill ${h(status.replace(/[^a-z-]/g, ''))}">${h(label)}</span>`;
}

export function checkStatusPills(check: Check): string {
  return `${pill(check.status, STATUS_LABEL[check.status])}${check.blocking ? '' : '<span class="pill nonblocking">non-blocking</span>'}`;
}

/**
 * A link to a file beside the report, or undefined when the path is not a plain relative path inside
 * the run directory (a scheme, an absolute path or `..` could point anywhere).
 */
export function relativeHref(path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[\\/]/.test(path) || path.includes('\\')) return undefined;
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '')) return undefined;
  return segments.map(encodeURIComponent).join('/');
}

export function fileLink(path: string): string {
  const href = relativeHref(path);
  return href ? `<a href="${h(href)}"><code>${h(path)}</code></a>` : `<code>${h(path)}</code>`;
}

/** Evidence files: PNG screenshots show as thumbnails linking to the full image. */
export function evidence(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const items = paths.map((path) => {
    const href = relativeHref(path);
    if (href && /\.png$/i.test(path)) return `<a href="${h(href)}" title="${h(path)}"><img src="${h(href)}" alt="${h(path)}" loading="lazy"></a>`;
    return fileLink(path);
  });
  return `<div class="evidence">${items.join('')}</div>`;
}

/** Observed value, threshold, and the message with its statistics and evidence. */
export function checkCells(check: Check): string {
  const statistics = check.statistics ? `<div class="stats">${h(formatStatistics(check.statistics))}</div>` : '';
  const samples = check.samples !== undefined && !check.statistics ? `<div class="stats">${h(check.samples.toLocaleString('en-US'))} samples</div>` : '';
  return [
    `<td class="num">${h(formatObserved(check))}</td>`,
    `<td class="threshold">${check.threshold ? `<code>${h(check.threshold)}</code>` : '—'}</td>`,
    `<td>${h(check.message)}${statistics}${samples}${evidence(check.evidence)}</td>`,
  ].join('');
}

export function checkTitle(check: Check): string {
  return `${h(check.title)}<span class="check-id mono">${h(check.id)}</span>`;
}
