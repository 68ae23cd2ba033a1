/**
 * Support status of every RuntimeEnvironment of Kinesis Data Analytics v2 / Managed Service for
 * Apache Flink, as AWS announced it. Data, not logic: update a row when AWS announces a date.
 * Still to be checked against the source page (it could not be read when the table was written):
 * the 2025-02-24 date of FLINK-1_6/1_8/1_11, the `ended` status of FLINK-1_13 and
 * ZEPPELIN-FLINK-1_0/2_0, and the `supported` status of FLINK-1_15 and ZEPPELIN-FLINK-3_0.
 */

/** The date the statuses below were last checked against AWS's announcements. */
export const RUNTIME_TABLE_AS_OF = '2026-11-29';

/**
 * `supported`: no end announced. `ending`: an end-of-support date is announced and still ahead.
 * `ended`: support ended (or the service was discontinued).
 */
export const RUNTIME_STATUSES = ['supported', 'ending', 'ended'] as const;
export type RuntimeStatus = (typeof RUNTIME_STATUSES)[number];

/** One runtime's row. */
export interface RuntimeSupport {
  runtime: string;
  /** What the runtime runs, for findings: "Apache Flink 1.13". */
  engine: string;
  /** The status on RUNTIME_TABLE_AS_OF. */
  status: RuntimeStatus;
  /** ISO date (YYYY-MM-DD) support ends or ended, when AWS announced one. */
  endOfSupport?: string;
  /** What happens at the end, completing "from that date …". */
  consequence?: string;
  /** The runtime to move to. */
  upgradeTo: string;
  /** The AWS page announcing the status. */
  source: string;
}

const EARLIER_VERSIONS = 'https://docs.aws.amazon.com/managed-flink/latest/java/earlier.html';
const FLINK_END = 'applications on it can no longer be created, started or run';
const LATEST_FLINK = 'FLINK-2_2 (or FLINK-1_20 to stay on Flink 1.x)';
const LATEST_STUDIO = 'ZEPPELIN-FLINK-3_0';

/** Every runtime the KinesisAnalyticsV2 API accepts (RuntimeEnvironment enum), oldest first. */
export const RUNTIME_SUPPORT: readonly RuntimeSupport[] = [
  {
    runtime: 'SQL-1_0',
    engine: 'Kinesis Data Analytics for SQL',
    status: 'ended',
    endOfSupport: '2026-01-27',
    consequence: 'AWS deletes SQL applications and they can no longer be started or operated',
    upgradeTo: 'a Managed Service for Apache Flink application (FLINK-1_20 or later, Flink SQL)',
    source: 'https://docs.aws.amazon.com/kinesisanalytics/latest/dev/discontinuation.html',
  },
  {
    runtime: 'FLINK-1_6',
    engine: 'Apache Flink 1.6',
    status: 'ended',
    endOfSupport: '2025-02-24',
    consequence: FLINK_END,
    upgradeTo: LATEST_FLINK,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'FLINK-1_8',
    engine: 'Apache Flink 1.8',
    status: 'ended',
    endOfSupport: '2025-02-24',
    consequence: FLINK_END,
    upgradeTo: LATEST_FLINK,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'FLINK-1_11',
    engine: 'Apache Flink 1.11',
    status: 'ended',
    endOfSupport: '2025-02-24',
    consequence: FLINK_END,
    upgradeTo: LATEST_FLINK,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'ZEPPELIN-FLINK-1_0',
    engine: 'Managed Service for Apache Flink Studio on Apache Flink 1.11',
    status: 'ended',
    upgradeTo: LATEST_STUDIO,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'FLINK-1_13',
    engine: 'Apache Flink 1.13',
    status: 'ended',
    upgradeTo: LATEST_FLINK,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'ZEPPELIN-FLINK-2_0',
    engine: 'Managed Service for Apache Flink Studio on Apache Flink 1.13',
    status: 'ended',
    upgradeTo: LATEST_STUDIO,
    source: EARLIER_VERSIONS,
  },
  {
    runtime: 'FLINK-1_15',
    engine: 'Apache Flink 1.15',
    status: 'supported',
    upgradeTo: LATEST_FLINK,
    source: 'https://docs.aws.amazon.com/managed-flink/latest/java/flink-1-15-2.html',
  },
  {
    runtime: 'ZEPPELIN-FLINK-3_0',
    engine: 'Managed Service for Apache Flink Studio on Apache Flink 1.15',
    status: 'supported',
    upgradeTo: LATEST_STUDIO,
    source: 'https://docs.aws.amazon.com/managed-flink/latest/java/how-notebook.html',
  },
  ...['1_18', '1_19', '1_20'].map(
    (version): RuntimeSupport => ({
      runtime: `FLINK-${version}`,
      engine: `Apache Flink ${version.replace('_', '.')}`,
      status: 'supported',
      upgradeTo: LATEST_FLINK,
      source: `https://docs.aws.amazon.com/managed-flink/latest/java/flink-${version.replace('_', '-')}.html`,
    }),
  ),
  ...['2_2', '2_3'].map(
    (version): RuntimeSupport => ({
      runtime: `FLINK-${version}`,
      engine: `Apache Flink ${version.replace('_', '.')}`,
      status: 'supported',
      upgradeTo: 'the latest FLINK-2_x runtime',
      source: `https://docs.aws.amazon.com/managed-flink/latest/java/flink-${version.replace('_', '-')}.html`,
    }),
  ),
];

/** The row of a runtime, or undefined when kda-auditor does not know it. */
export function runtimeSupport(runtime: string): RuntimeSupport | undefined {
  return RUNTIME_SUPPORT.find((row) => row.runtime === runtime);
}

/**
 * A runtime's status at a moment: with a date and an end-of-support date, whether that end has come;
 * otherwise the status the table records on its own date. Pure: never reads the clock.
 */
export function runtimeStatusAt(row: RuntimeSupport, at: string | undefined): RuntimeStatus {
  const moment = Date.parse(at ?? '');
  const end = Date.parse(row.endOfSupport ?? '');
  if (Number.isNaN(moment) || Number.isNaN(end)) return row.status;
  return moment >= end ? 'ended' : 'ending';
}
