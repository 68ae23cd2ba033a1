/** The fields a suppression rule can match on, in the order the docs list them. */
export const SUPPRESSION_MATCHERS = ['account', 'region', 'application', 'check', 'resource'] as const;
export type SuppressionMatcher = (typeof SUPPRESSION_MATCHERS)[number];

/** One rule of a suppression file (docs/suppressions.md), validated. */
export interface SuppressionRule {
  /** The rule's id in its file, or `line <n>` when it has none. */
  ruleId: string;
  /** Patterns (`*` any run of characters), at least one of them narrower than `*`. */
  match: Partial<Record<SuppressionMatcher, string>>;
  justification: string;
  /** The day the rule stops applying (YYYY-MM-DD): it applies until 00:00 UTC that day. */
  expires: string;
  /** Where the rule came from: `s3://bucket/key` or a local path. */
  source: string;
  /** The rule's first line in that file. */
  line: number;
}

/** The rules of one suppression file, in file order (the first matching rule wins). */
export interface SuppressionSet {
  source: string;
  rules: SuppressionRule[];
}
