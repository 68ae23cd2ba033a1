/**
 * What moto 5.2.1 does differently from AWS, where that changes what the cross-check compares.
 * Every entry is excluded from the comparison by check id and resource, says why, and must still
 * show: the suite fails on an entry that no longer makes a difference, so the table never hides a
 * regression once moto catches up.
 * Resource patterns use `*` for any run of characters (moto's account id differs from the snapshot's).
 */

/** A moto gap that changes some verdicts. */
export interface VerdictGap {
  /** What moto does not do. */
  gap: string;
  /** Why that changes these verdicts. */
  reason: string;
  /** Check ids whose findings on `resources` are excluded. */
  checks: readonly string[];
  resources: readonly string[];
}

/** Verdicts that differ because of moto, by check and resource. */
export const VERDICT_GAPS: readonly VerdictGap[] = [
  {
    gap:
      'kinesisanalyticsv2 CreateApplication drops SqlApplicationConfiguration; DescribeApplication never ' +
      'returns SqlApplicationConfigurationDescription (moto/kinesisanalyticsv2/models.py: "discontinued").',
    reason:
      "A SQL application's input and output streams are then missing from its configuration: the live " +
      'scan finds them only through the role policy, so dependency-exists has nothing to say about them.',
    checks: ['dependency-exists'],
    resources: ['arn:aws:kinesis:*:*:stream/alerts-in', 'arn:aws:kinesis:*:*:stream/alerts-out'],
  },
];

/** Whether `text` matches a pattern where `*` stands for any run of characters. */
export function matchesPattern(pattern: string, text: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(text);
}

/** The verdict gap that excludes a finding, if any. */
export function verdictGapOf(checkId: string, resourceArn: string): VerdictGap | undefined {
  return VERDICT_GAPS.find(
    (gap) =>
      gap.checks.includes(checkId) && gap.resources.some((pattern) => matchesPattern(pattern, resourceArn)),
  );
}
