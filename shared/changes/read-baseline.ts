import type { AuditReport, ReportApplication } from '../report/types.js';
import {
  type BaselineApplication,
  baselineApplication,
  type ComparisonBaseline,
  comparisonBaseline,
} from './comparison-baseline.js';
import { applicationSchema, isCurrentMajor, reportSchema } from './previous-report.js';

// The layout every kda-auditor report is written in (JSON.stringify(report, null, 2), or the same
// bytes in pieces: reportJsonChunks): top-level keys two spaces in, each application four. JSON
// strings hold no raw newline, so these byte sequences only ever mark that structure.
const APPLICATIONS_OPEN = Buffer.from('\n  "applications": [\n');
const APPLICATIONS_CLOSE = Buffer.from('\n  ]');
const NEXT_APPLICATION = Buffer.from(',\n    {');
const NO_APPLICATIONS = '\n  "applications": []';

/**
 * The comparison baseline of a report (`comparisonBaseline`), read from its JSON bytes one
 * application at a time, so the whole report is never one string nor one object: at 1,000
 * applications it is 35 MB of text and about 100 MB of heap once parsed. Each piece is checked
 * against the schema the whole report is read with. Undefined when the bytes are not a current
 * (2.x) report laid out as kda-auditor writes one: the caller then reads them whole, which says
 * what is wrong with them, if anything.
 */
export function baselineFromReportBytes(bytes: Buffer): ComparisonBaseline | undefined {
  const open = bytes.indexOf(APPLICATIONS_OPEN);
  // No application: the report is small, read whole.
  if (open < 0) return bytes.includes(NO_APPLICATIONS) ? headOf(bytes.toString('utf-8')) : undefined;
  const first = open + APPLICATIONS_OPEN.length;
  const close = bytes.indexOf(APPLICATIONS_CLOSE, first);
  if (close < 0) return undefined;
  const head = headOf(
    `${bytes.toString('utf-8', 0, open)}${NO_APPLICATIONS}${bytes.toString('utf-8', close + APPLICATIONS_CLOSE.length)}`,
  );
  if (!head) return undefined;
  const applications: BaselineApplication[] = [];
  for (let start = first; start < close; ) {
    const next = bytes.indexOf(NEXT_APPLICATION, start);
    const end = next < 0 || next > close ? close : next;
    const application = applicationSchema.safeParse(parsed(bytes.toString('utf-8', start, end)));
    if (!application.success) return undefined;
    applications.push(baselineApplication(application.data as unknown as ReportApplication));
    start = end + 1;
  }
  return { ...head, applications };
}

// The report's own fields (its applications, if any, read apart), as its baseline.
function headOf(text: string): ComparisonBaseline | undefined {
  const head = reportSchema.safeParse(parsed(text));
  if (!head.success || !isCurrentMajor(head.data.schemaVersion)) return undefined;
  return comparisonBaseline(head.data as unknown as AuditReport);
}

// Not JSON: undefined, which no schema accepts.
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return undefined;
  }
}
