/** The report's only stylesheet: inline, system fonts, nothing fetched. */
export const HTML_STYLE = `
:root { --go: #1a7f37; --nogo: #cf222e; --inconclusive: #b35900; --warn: #9a6700; --error: #8250df; --muted: #59636e;
  --line: #d1d9e0; --soft: #f6f8fa; --ink: #1f2328; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
section > :last-child { margin-bottom: 0; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-top: 18px; }
.verdict { border-radius: 12px; color: #fff; padding: 24px 28px; }
.verdict.go { background: var(--go); } .verdict.nogo { background: var(--nogo); } .verdict.inconclusive { background: var(--inconclusive); }
.verdict-word { font-size: 3.2rem; font-weight: 800; letter-spacing: 0.02em; line-height: 1.05; }
.verdict-release { font-size: 1.35rem; font-weight: 600; margin-top: 4px; }
.verdict-meaning { margin: 8px 0 16px; font-size: 1.05rem; opacity: 0.95; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; font-size: 0.9rem; }
.meta div { display: flex; gap: 6px; } .meta dt { opacity: 0.8; } .meta dd { margin: 0; font-weight: 600; }
.banner { margin-top: 12px; padding: 10px 14px; border-radius: 8px; background: #fff4e5; border: 1px solid #f0c36d; }
ol.reasons { margin: 0; padding-left: 22px; } ol.reasons li { margin: 4px 0; }
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; white-space: nowrap; }
td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; overflow-wrap: anywhere; }
tr:last-child td { border-bottom: none; }
td.num { white-space: nowrap; font-weight: 600; } td.threshold { white-space: nowrap; }
.check-id { display: block; color: var(--muted); font-size: 0.78rem; }
.stats, .note { color: var(--muted); font-size: 0.84rem; margin-top: 2px; }
.pill { display: inline-block; min-width: 64px; text-align: center; border-radius: 999px; padding: 1px 9px; font-size: 0.74rem; font-weight: 700;
  letter-spacing: 0.03em; color: #fff; background: var(--muted); white-space: nowrap; }
.pill.pass, .pill.passed, .pill.clean { background: var(--go); }
.pill.fail, .pill.failed, .pill.leaked { background: var(--nogo); }
.pill.inconclusive, .pill.interrupted { background: var(--inconclusive); }
.pill.warn { background: var(--warn); } .pill.error { background: var(--error); }
.pill.nonblocking { background: #fff; color: var(--muted); border: 1px solid var(--line); font-weight: 600; min-width: 0; margin-left: 4px; }
details.stage { border: 1px solid var(--line); border-radius: 8px; margin-top: 10px; background: #fff; }
details.stage > summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; list-style: none; }
details.stage > summary::-webkit-details-marker { display: none; }
details.stage > summary::before { content: "\\25B8"; color: var(--muted); }
details.stage[open] > summary::before { content: "\\25BE"; }
details.stage[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); border-radius: 8px 8px 0 0; }
.stage-title { font-weight: 650; } .stage-facts { color: var(--muted); font-size: 0.88rem; margin-left: auto; }
.stage-body { padding: 12px 14px; } .stage-body > p { margin: 0 0 10px; color: var(--muted); }
.callout { border-left: 4px solid var(--error); background: #fbefff; padding: 8px 12px; border-radius: 4px; margin-bottom: 12px; }
.evidence { margin-top: 4px; display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-start; }
.evidence a { font-size: 0.82rem; }
.evidence img { display: block; max-width: 220px; max-height: 140px; border: 1px solid var(--line); border-radius: 4px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0 4px; }
.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); }
.chart svg { display: block; }
.chart-name { font-size: 12px; font-weight: 600; fill: var(--ink); } .chart-value, .chart-tick { font-size: 10px; fill: var(--muted); }
.chart-axis { stroke: #8c959f; stroke-width: 1; } .chart-grid { stroke: #d1d9e0; stroke-dasharray: 3 3; }
.chart-line { fill: none; stroke: #0969da; stroke-width: 1.8; stroke-linejoin: round; } .chart-area { fill: #0969da; opacity: 0.08; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 6px 16px; margin: 12px 0 0; }
dl.facts div { background: var(--soft); border-radius: 6px; padding: 6px 10px; } dl.facts dt { color: var(--muted); font-size: 0.8rem; }
dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
details.raw { margin-top: 10px; } details.raw pre { background: var(--soft); padding: 10px; border-radius: 6px; overflow: auto; max-height: 320px; font-size: 0.8rem; }
ul.plain { margin: 0; padding-left: 20px; }
footer { color: var(--muted); font-size: 0.82rem; text-align: center; margin-top: 24px; }
`;
