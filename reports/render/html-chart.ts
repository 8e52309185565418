import { formatNumber } from './format.ts';
import { escapeHtml } from './text.ts';

const MAX_SERIES = 6;
const MAX_POINTS = 240;
const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 8, right: 8, top: 30, bottom: 20 };

interface Point {
  t: number;
  values: Record<string, number>;
}

/**
 * Small multiples for a stage summary's `timeline` (`[{ t: seconds, ...numbers }]`): one inline SVG line
 * chart per numeric series, each on its own scale from zero. Anything not shaped like a timeline gives ''.
 */
export function renderTimeline(timeline: unknown): string {
  const points = parsePoints(timeline);
  if (points.length < 2) return '';
  const series = seriesNames(points);
  if (series.length === 0) return '';
  const charts = series.map((name) => seriesChart(name, points)).filter(Boolean);
  return `<div class="charts">${charts.join('')}</div>`;
}

function parsePoints(timeline: unknown): Point[] {
  if (!Array.isArray(timeline)) return [];
  const points: Point[] = [];
  for (const item of timeline) {
    if (!item || typeof item !== 'object') continue;
    const { t, ...rest } = item as Record<string, unknown>;
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    const values = Object.fromEntries(Object.entries(rest).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
    points.push({ t, values });
  }
  points.sort((a, b) => a.t - b.t);
  const stride = Math.ceil(points.length / MAX_POINTS);
  return stride > 1 ? points.filter((_, i) => i % stride === 0 || i === points.length - 1) : points;
}

function seriesNames(points: readonly Point[]): string[] {
  const names = new Set<string>();
  for (const point of points) for (const name of Object.keys(point.values)) names.add(name);
  return [...names].slice(0, MAX_SERIES);
}

function seriesChart(name: string, points: readonly Point[]): string {
  const data = points.filter((p) => name in p.values).map((p) => ({ t: p.t, v: p.values[name] as number }));
  if (data.length < 2) return '';
  const t0 = data[0]!.t;
  const t1 = data[data.length - 1]!.t;
  const values = data.map((d) => d.v);
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const line = data.map((d) => `${x(d.t).toFixed(1)},${y(d.v).toFixed(1)}`).join(' ');
  const area = `${x(t0).toFixed(1)},${y(low).toFixed(1)} ${line} ${x(t1).toFixed(1)},${y(low).toFixed(1)}`;
  const last = values[values.length - 1]!;
  const label = escapeHtml(name);
  return [
    `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${label} over time">`,
    `<title>${label}: ${data.length} points from ${formatNumber(t0)} s to ${formatNumber(t1)} s, max ${formatNumber(high)}</title>`,
    `<text x="${PAD.left}" y="14" class="chart-name">${label}</text>`,
    `<text x="${WIDTH - PAD.right}" y="14" class="chart-value" text-anchor="end">last ${escapeHtml(formatNumber(last))} · max ${escapeHtml(formatNumber(high))}</text>`,
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(low).toFixed(1)}" y2="${y(low).toFixed(1)}" class="chart-axis"/>`,
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(high).toFixed(1)}" y2="${y(high).toFixed(1)}" class="chart-grid"/>`,
    `<polygon points="${area}" class="chart-area"/>`,
    `<polyline points="${line}" class="chart-line"/>`,
    `<text x="${PAD.left}" y="${HEIGHT - 5}" class="chart-tick">${escapeHtml(formatNumber(t0))} s</text>`,
    `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 5}" class="chart-tick" text-anchor="end">${escapeHtml(formatNumber(t1))} s</text>`,
    '</svg></figure>',
  ].join('');
}
