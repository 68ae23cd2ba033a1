import * as z from 'zod';
import { DEFAULT_MEMBER_ROLE_NAME } from '../../shared/aws/member-credentials.js';
import { SEVERITIES, type Severity } from '../../shared/checks/types.js';
import {
  DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT,
  DEFAULT_CODE_ARTIFACT_MAX_BYTES,
} from '../../shared/collect/code-artifacts.js';
import { ConfigurationError } from '../../shared/errors.js';
import { REGION_PATTERN } from '../../shared/request/scan-request.js';
import { DEFAULT_TIME_LIMIT_MARGIN_SECONDS } from './time-limit.js';

/** The scan function's settings, read once from its environment at cold start. */
export interface ScanConfig {
  /** The function's own region: the report bucket lives here (template.yaml creates both). */
  region: string;
  reportBucket: string;
  reportPrefix: string;
  /** Absent: reports are written, no alert is sent. */
  topicArn?: string;
  alertThreshold: Severity;
  /** What a scheduled scan (or a request naming no regions) covers. */
  scanRegions: readonly string[] | 'all';
  /** Largest code object downloaded and scanned for credentials. */
  codeArtifactMaxBytes: number;
  /** Bytes of code objects downloaded and not yet scanned at once, across the whole scan. */
  codeArtifactBytesInFlight: number;
  /** Key prefix, in the report bucket, of the code scan cache. */
  artifactCachePrefix: string;
  /** Key, in the report bucket, of the suppression rules (absent object: no rule). */
  suppressionsKey: string;
  /** Import findings into Security Hub in the function's region. */
  securityHubExport: boolean;
  /** Points a score must drop by to alert SCORE_DROP. */
  scoreDrop: number;
  /** Scores kept per application in the report's trend. */
  trendLength: number;
  /** Seconds kept at least, before the Lambda time limit, to judge, report and alert (docs/reliability.md). */
  timeLimitMarginSeconds: number;
  /** Set when ORGANIZATION_MODE is Enabled: how organisation items assume the member role. */
  organization?: { memberRoleName: string; memberExternalId: string };
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{16,1224}$/;

/**
 * Validators of the settings every kda-auditor function shares (the organisation functions build
 * their environment schema from these, so a variable means the same thing everywhere).
 */
export const SHARED_ENVIRONMENT = {
  AWS_REGION: z
    .string({ error: 'is not set (the Lambda runtime sets it; set it when running elsewhere)' })
    .regex(REGION_PATTERN, 'must be a region name such as eu-west-1'),
  REPORT_BUCKET: z
    .string({ error: 'is not set: name the S3 bucket reports are written to' })
    .regex(BUCKET_NAME, 'must be an S3 bucket name'),
  REPORT_PREFIX: z
    .string()
    .default('reports')
    .transform((prefix) => prefix.replace(/^\/+|\/+$/g, '')),
  TOPIC_ARN: z
    .string()
    .regex(TOPIC_ARN, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ALERT_THRESHOLD: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).default('high'),
  SCAN_REGIONS: z
    .string()
    .default('all')
    .transform((value) => (value.trim() === 'all' ? 'all' : value.split(',').map((region) => region.trim())))
    .refine((value) => value === 'all' || value.every((region) => REGION_PATTERN.test(region)), {
      error: 'must be "all" or comma-separated region names such as eu-west-1,us-east-1',
    }),
  SCORE_DROP_THRESHOLD: z.coerce
    .number({ error: 'must be a number of points' })
    .int('must be a whole number of points')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(10),
} as const;

const environmentSchema = z
  .object({
    ...SHARED_ENVIRONMENT,
    CODE_ARTIFACT_MAX_BYTES: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1024 * 1024, 'must be at least 1048576 (1 MiB)')
      .max(
        2 * 1024 * 1024 * 1024,
        'must be at most 2147483648 (2 GiB): the function must hold the object in memory',
      )
      .default(DEFAULT_CODE_ARTIFACT_MAX_BYTES),
    CODE_ARTIFACT_BYTES_IN_FLIGHT: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1024 * 1024, 'must be at least 1048576 (1 MiB)')
      .max(
        2 * 1024 * 1024 * 1024,
        'must be at most 2147483648 (2 GiB): the function holds these bytes in memory',
      )
      .default(DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT),
    SUPPRESSIONS_KEY: z.string().min(1, 'must be an S3 key').optional(),
    SECURITY_HUB_EXPORT: z
      .enum(['Enabled', 'Disabled'], { error: 'must be Enabled or Disabled' })
      .default('Disabled'),
    TREND_LENGTH: z.coerce
      .number({ error: 'must be a number of scans' })
      .int('must be a whole number of scans')
      .min(2, 'must be at least 2 (a trend needs two points)')
      .max(365, 'must be at most 365')
      .default(30),
    ARTIFACT_CACHE_PREFIX: z
      .string()
      .default('cache/code-artifact-scans')
      .transform((prefix) => prefix.replace(/^\/+|\/+$/g, '')),
    TIME_LIMIT_MARGIN_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(5, 'must be at least 5: the report, alerts and latest.json need time to be written')
      .max(600, 'must be at most 600 (a Lambda runs 900 seconds at most)')
      .default(DEFAULT_TIME_LIMIT_MARGIN_SECONDS),
    ORGANIZATION_MODE: z
      .enum(['Enabled', 'Disabled'], { error: 'must be Enabled or Disabled' })
      .default('Disabled'),
    MEMBER_ROLE_NAME: z
      .string()
      .regex(ROLE_NAME, 'must be an IAM role name (the RoleName member-role.yaml was deployed with)')
      .default(DEFAULT_MEMBER_ROLE_NAME),
    MEMBER_EXTERNAL_ID: z
      .string()
      .regex(
        EXTERNAL_ID,
        'must be the ExternalId member-role.yaml was deployed with: 16 to 1224 letters, digits or +=,.@:/-',
      )
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((env, context) => {
    if (env.ORGANIZATION_MODE === 'Enabled' && env.MEMBER_EXTERNAL_ID === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['MEMBER_EXTERNAL_ID'],
        message:
          'is not set: ORGANIZATION_MODE=Enabled needs the ExternalId member-role.yaml was deployed with',
      });
    }
  });

/** Parses an environment with a schema; throws ConfigurationError naming every variable at fault. */
export function parseEnvironment<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.output<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigurationError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  return result.data;
}

/** Reads and validates the function's environment; throws ConfigurationError naming every variable at fault. */
export function readScanConfig(env: Record<string, string | undefined>): ScanConfig {
  const {
    AWS_REGION,
    REPORT_BUCKET,
    REPORT_PREFIX,
    TOPIC_ARN,
    ALERT_THRESHOLD,
    SCAN_REGIONS,
    CODE_ARTIFACT_MAX_BYTES,
    CODE_ARTIFACT_BYTES_IN_FLIGHT,
    ARTIFACT_CACHE_PREFIX,
    SUPPRESSIONS_KEY,
    SECURITY_HUB_EXPORT,
    SCORE_DROP_THRESHOLD,
    TREND_LENGTH,
    TIME_LIMIT_MARGIN_SECONDS,
    ORGANIZATION_MODE,
    MEMBER_ROLE_NAME,
    MEMBER_EXTERNAL_ID,
  } = parseEnvironment(environmentSchema, env);
  return {
    region: AWS_REGION,
    reportBucket: REPORT_BUCKET,
    reportPrefix: REPORT_PREFIX,
    ...(TOPIC_ARN ? { topicArn: TOPIC_ARN } : {}),
    alertThreshold: ALERT_THRESHOLD,
    scanRegions: SCAN_REGIONS,
    codeArtifactMaxBytes: CODE_ARTIFACT_MAX_BYTES,
    codeArtifactBytesInFlight: CODE_ARTIFACT_BYTES_IN_FLIGHT,
    artifactCachePrefix: ARTIFACT_CACHE_PREFIX,
    // Beside the reports by default, so one bucket policy covers both.
    suppressionsKey: SUPPRESSIONS_KEY ?? [REPORT_PREFIX, 'suppressions.yaml'].filter(Boolean).join('/'),
    securityHubExport: SECURITY_HUB_EXPORT === 'Enabled',
    scoreDrop: SCORE_DROP_THRESHOLD,
    trendLength: TREND_LENGTH,
    timeLimitMarginSeconds: TIME_LIMIT_MARGIN_SECONDS,
    ...(ORGANIZATION_MODE === 'Enabled' && MEMBER_EXTERNAL_ID
      ? { organization: { memberRoleName: MEMBER_ROLE_NAME, memberExternalId: MEMBER_EXTERNAL_ID } }
      : {}),
  };
}
