/**
 * The explorer's one stylesheet, served at /explorer.css. Colours are custom properties: light by
 * default, dark under prefers-color-scheme, and either forced by the toggle (html[data-theme]).
 * Every text/background pair meets WCAG AA contrast in both themes. Wide tables scroll inside their
 * own box so a phone never scrolls the whole page sideways.
 */
const light = `
  --bg: #ffffff; --fg: #1b1f24; --muted: #4e5763; --card: #f4f6f8; --line: #d0d7de;
  --link: #0a55b8; --accent: #0a55b8; --ok: #116329; --warn: #7a4a00; --bad: #b3261e; --code: #eef1f4;`;
const dark = `
  --bg: #0f1317; --fg: #e6edf3; --muted: #a4adb8; --card: #171c22; --line: #30363d;
  --link: #74b4ff; --accent: #74b4ff; --ok: #56d364; --warn: #e3b341; --bad: #ff8a80; --code: #1f252c;`;

export const STYLE = `
:root { ${light} color-scheme: light; }
@media (prefers-color-scheme: dark) { :root:not([data-theme=light]) { ${dark} color-scheme: dark; } }
:root[data-theme=dark] { ${dark} color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
code { background: var(--code); padding: 0 0.25em; border-radius: 3px; overflow-wrap: anywhere; }
.skip { position: absolute; left: -999px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; z-index: 1; }
header.site { border-bottom: 1px solid var(--line); background: var(--card); }
header.site .bar { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap;
  gap: 0.5rem 1rem; align-items: center; }
header.site .brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
form.search { display: flex; gap: 0.25rem; flex: 1 1 16rem; }
form.search input { flex: 1; min-width: 0; padding: 0.35rem 0.5rem; border: 1px solid var(--line);
  border-radius: 4px; background: var(--bg); color: var(--fg); font: inherit; }
button { font: inherit; padding: 0.35rem 0.7rem; border: 1px solid var(--line); border-radius: 4px;
  background: var(--bg); color: var(--fg); cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 0.5rem 0.75rem; font-weight: 600; background: var(--card); }
th, td { text-align: left; padding: 0.4rem 0.75rem; border-top: 1px solid var(--line); vertical-align: top;
  white-space: nowrap; }
td.wrap { white-space: normal; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; }
.status { font-weight: 700; }
.status-final, .yes { color: var(--ok); }
.status-pending, .status-sent, .status-received { color: var(--warn); }
.status-rejected, .no { color: var(--bad); }
ol.timeline { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem;
  grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
ol.timeline li { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
ol.timeline li.done { border-left-color: var(--ok); }
ol.timeline h3 { margin: 0 0 0.25rem; font-size: 1rem; }
.muted { color: var(--muted); }
.pager { display: flex; gap: 1rem; margin-top: 0.5rem; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; max-height: 12rem; display: block; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
figure.chart .bar { fill: var(--accent); }
figure.chart .axis { stroke: var(--muted); stroke-width: 1; }
figure.chart .tick { fill: var(--muted); font-size: 11px; }
figure.chart figcaption { color: var(--muted); font-size: 0.9em; margin-top: 0.25rem; }
svg.lattice { display: block; min-width: 100%; }
svg.lattice .lane { stroke: var(--line); stroke-width: 1; }
svg.lattice .unit { fill: var(--card); stroke: var(--accent); stroke-width: 2; }
svg.lattice .unit.send { fill: var(--accent); }
svg.lattice .edge { stroke: var(--ok); stroke-width: 1.5; fill: none; marker-end: url(#arrow); }
svg.lattice .edge.pending { stroke: var(--warn); stroke-dasharray: 4 3; }
svg.lattice text { fill: var(--fg); font-size: 11px; }
svg.lattice marker path { fill: var(--ok); }
svg.lattice a:focus-visible .unit { stroke: var(--fg); stroke-width: 3; }
footer.site { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: 0.9em; }
@media (max-width: 40rem) { body { font-size: 14px; } th, td { padding: 0.35rem 0.5rem; } main { padding: 0.75rem; } }
`;
