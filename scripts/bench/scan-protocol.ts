// What the benchmark's parent and its scan process (scan-process.ts) exchange.

/** What the parent passes, as JSON in BENCH_SCAN_INPUT. */
export interface ScanProcessInput {
  endpoint: string;
  regions: string[];
  /** The auditor's region: report bucket, account-wide reads. */
  homeRegion: string;
  reportBucket: string;
  topicArn?: string;
  /** Progress lines on stderr. */
  verbose: boolean;
}

/** What the process prints after the marker. */
export interface ScanProcessResult {
  wallMs: number;
  /** process.resourceUsage().maxRSS at the end, KiB: the process's peak resident set. */
  peakRssKiB: number;
  /** Resident set once the scanner's modules were loaded, before the scan, KiB. */
  loadedRssKiB: number;
  cpuMs: number;
  applications: number;
  findings: number;
  complete: boolean;
  collectionErrors: Record<string, number>;
  reportWritten: boolean;
  alerts: number;
  /** The scan's progress lines, with when and at what RSS each came. */
  timeline: TimelineEntry[];
  /** Why runAudit threw, when it did (the other figures then stop at the failure). */
  failure?: string;
}

/** The line the parent looks for. */
export const RESULT_MARKER = 'BENCH_SCAN_RESULT ';

/** One progress line of the scan. */
export interface TimelineEntry {
  /** Milliseconds since runAudit started. */
  atMs: number;
  rssMiB: number;
  message: string;
}

/** `+12.5 s, RSS 320 MiB: eu-west-1: 217 application(s).` */
export function timelineLine(entry: TimelineEntry): string {
  return `+${(entry.atMs / 1000).toFixed(1)} s, RSS ${entry.rssMiB.toFixed(0)} MiB: ${entry.message}`;
}
