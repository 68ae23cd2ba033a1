import type { BestPractice, Severity, Status } from '../../checks/types.js';
import type { Grade } from '../../score/score.js';

/**
 * Badge backgrounds, each dark enough for white text at WCAG AA (4.5:1 or more); the browser test
 * measures every text element's contrast, so a lighter colour here fails it.
 */
export const SEVERITY_COLOURS = {
  critical: '#9b1c1c',
  high: '#a33a00',
  medium: '#765000',
  low: '#1d4f91',
  info: '#4a4a4a',
} as const satisfies Record<Severity, string>;

/** Badge backgrounds per status; PASS green, FAIL red, ERROR violet (unknown, never a pass). */
export const STATUS_COLOURS = {
  PASS: '#17663a',
  FAIL: '#9b1c1c',
  ERROR: '#5b2d91',
  NOT_APPLICABLE: '#4a4a4a',
  MUTED: '#3d4f63',
} as const satisfies Record<Status, string>;

/** Badge backgrounds per grade. */
export const GRADE_COLOURS = {
  A: '#17663a',
  B: '#3c6115',
  C: '#765000',
  D: '#a33a00',
  F: '#9b1c1c',
} as const satisfies Record<Grade, string>;

/** How each best practice reads in the report. */
export const BEST_PRACTICE_LABELS = {
  'least-privilege': 'Least privilege',
  'iam-roles': 'IAM roles, no stored credentials',
  encryption: 'Encryption',
  cloudtrail: 'CloudTrail monitoring',
  operations: 'Operations',
} as const satisfies Record<BestPractice, string>;

const badgeRules = (prefix: string, colours: Record<string, string>): string =>
  Object.entries(colours)
    .map(([name, colour]) => `.${prefix}-${name}{background:${colour}}`)
    .join('\n');

/** The report's one style sheet, inlined: no font, image or file is fetched. */
export const STYLE_SHEET = `
:root{color-scheme:light;--text:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--surface:#f4f5f7;--line:#c8ccd2;--link:#0b57d0;--focus:#0b57d0}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:var(--bg)}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:.25rem 0}
h2{font-size:1.3rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:0 0 .5rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0 0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:var(--surface);border:1px solid var(--line);padding:.5rem;margin:.25rem 0}
.muted{color:var(--muted)}
.badge{display:inline-block;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;font-weight:600;white-space:nowrap}
${badgeRules('severity', SEVERITY_COLOURS)}
${badgeRules('status', STATUS_COLOURS)}
${badgeRules('grade', GRADE_COLOURS)}
.grade-none,.change{background:#4a4a4a}
.account{display:grid;grid-template-columns:minmax(12rem,1fr) 2fr;gap:1rem;align-items:start}
.score{font-size:3rem;font-weight:700;line-height:1}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.out-of{font-size:.5em;color:var(--muted)}
.score .badge{font-size:1.5rem;vertical-align:middle}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.5rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}
.card{background:var(--surface);border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
.card .score{font-size:2rem}
.card p{margin:.35rem 0}
.card .badge{margin:0 .1rem .2rem 0}
.card-score{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
.chart svg,.card svg{display:block;max-width:100%;height:auto}
.graph{margin:0 0 .5rem;overflow-x:auto;border:1px solid var(--line);border-radius:.5rem;background:var(--bg)}
.graph svg{display:block;min-width:36rem;max-width:100%;height:auto}
.graph text{font:12px system-ui,sans-serif}
.dependencies article{margin-bottom:1.5rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;background:var(--surface);padding:.75rem;border-radius:.5rem}
form.filters label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
select,button{font:inherit;padding:.25rem .5rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--bg);color:var(--text)}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th,td{text-align:left;vertical-align:top;padding:.4rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
thead th{background:var(--surface)}
caption{text-align:left;padding:.25rem 0}
table.findings col.c-status{width:9rem}
table.findings col.c-severity{width:7rem}
table.findings col.c-application{width:12rem}
details{margin:.25rem 0}
summary{cursor:pointer;color:var(--link)}
.fix-label{font-weight:600;margin:.5rem 0 0}
.suppression{border-left:4px solid ${STATUS_COLOURS.MUTED};padding-left:.5rem}
@media (max-width:480px){
  header,main,footer{padding:.75rem}
  .account{grid-template-columns:1fr}
  .cards{grid-template-columns:1fr}
  table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;width:100%}
  table.stack caption{display:block}
  table.stack colgroup,table.stack thead{display:none}
  table.stack tr{border-bottom:2px solid var(--line);padding:.25rem 0}
  table.stack td{border:0;padding:.2rem 0}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
`;
