import { z } from 'zod';
import { InvalidRequestError } from '../errors.js';

/** What started a scan: the nightly schedule or someone asking for one. */
export const TRIGGERS = ['schedule', 'on-demand'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** A validated scan request, from a Lambda payload or CLI flags. */
export interface ScanRequest {
  /** Regions to scan; absent means the deployment's default (SCAN_REGIONS). */
  regions?: readonly string[] | 'all';
  /** Application names or ARNs; absent means every application. */
  applications?: readonly string[];
  dryRun?: boolean;
}

/** A Lambda invocation understood: why it runs and what it asks for. */
export interface ScanInvocation {
  trigger: Trigger;
  request: ScanRequest;
}

/** Region names as AWS spells them: eu-west-1, us-gov-west-1, ap-southeast-5. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const APPLICATION_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const APPLICATION_ARN =
  /^arn:aws[a-z-]*:kinesisanalytics:[a-z0-9-]+:\d{12}:application\/[a-zA-Z0-9_.-]{1,128}$/;

const ON_DEMAND_FIELDS = ['trigger', 'regions', 'applications', 'dryRun'] as const;
const SCHEDULED_SOURCES = ['aws.events', 'aws.scheduler'] as const;

/** A list of distinct strings, each reported by index when it repeats. */
function distinctList(item: z.ZodString, what: string) {
  return z
    .array(item, { error: `must be a list of ${what}` })
    .min(1, `must name at least one ${what.replace(/s$/, '')} (omit the field to mean all)`)
    .superRefine(
      (values, context) => {
        values.forEach((value, index) => {
          if (values.indexOf(value) !== index) {
            context.addIssue({ code: 'custom', path: [index], message: `"${value}" is listed twice` });
          }
        });
      },
      // Also when some entries are malformed, so one pass reports every problem.
      { when: (payload) => Array.isArray(payload.value) },
    );
}

const regionName = z
  .string({ error: 'must be a region name such as eu-west-1' })
  .refine((value) => REGION_PATTERN.test(value), {
    error: (issue) => `"${String(issue.input)}" is not a region name (expected e.g. eu-west-1)`,
  });

const applicationReference = z
  .string({ error: 'must be an application name or ARN' })
  .refine((value) => APPLICATION_NAME.test(value) || APPLICATION_ARN.test(value), {
    error: (issue) =>
      `"${String(issue.input)}" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN`,
  });

const onDemandSchema = z.strictObject({
  trigger: z.enum(TRIGGERS, { error: 'must be "schedule" or "on-demand"' }).optional(),
  regions: z
    .union([z.literal('all'), distinctList(regionName, 'region names')], {
      error: 'must be "all" or a list of region names such as ["eu-west-1"]',
    })
    .optional(),
  applications: distinctList(applicationReference, 'application names or ARNs').optional(),
  dryRun: z.boolean({ error: 'must be true or false' }).optional(),
});

// EventBridge rules and EventBridge Scheduler (when it forwards the event envelope) both say
// "Scheduled Event"; the envelope carries no request, so such a scan uses the deployment's defaults.
const scheduledEnvelopeSchema = z.looseObject({
  source: z.enum(SCHEDULED_SOURCES, { error: 'must be "aws.events" or "aws.scheduler"' }),
  'detail-type': z.literal('Scheduled Event', { error: 'must be "Scheduled Event"' }),
});

/**
 * Understands a Lambda payload: a scheduled-event envelope (`source` aws.events / aws.scheduler,
 * `detail-type` Scheduled Event), our schedule's fixed input `{"trigger":"schedule"}`, or an
 * on-demand request `{ regions?, applications?, dryRun? }`. Throws InvalidRequestError naming
 * every problem with its field path.
 */
export function parseScanEvent(event: unknown): ScanInvocation {
  if (!isRecord(event)) {
    throw new InvalidRequestError([`(payload): must be a JSON object such as {"regions":"all"}`]);
  }
  if ('source' in event || 'detail-type' in event) {
    const envelope = scheduledEnvelopeSchema.safeParse(event);
    if (!envelope.success) throw new InvalidRequestError(problemsOf(envelope.error));
    return { trigger: 'schedule', request: {} };
  }
  const { trigger, ...request } = validateScanRequest(event);
  return { trigger: trigger ?? 'on-demand', request };
}

/** Validates on-demand request fields (also used for CLI flags); throws InvalidRequestError. */
export function validateScanRequest(input: unknown): ScanRequest & { trigger?: Trigger } {
  const result = onDemandSchema.safeParse(input);
  if (!result.success) throw new InvalidRequestError(problemsOf(result.error));
  const { trigger, regions, applications, dryRun } = result.data;
  return {
    ...(trigger ? { trigger } : {}),
    ...(regions ? { regions } : {}),
    ...(applications ? { applications } : {}),
    ...(dryRun !== undefined ? { dryRun } : {}),
  };
}

/** One line per problem, `path: message`, with unknown fields listed one by one. */
function problemsOf(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => describeIssue(issue, []));
}

function describeIssue(issue: z.core.$ZodIssue, parent: readonly PropertyKey[]): string[] {
  const path = [...parent, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) => `${[...path, key].join('.')}: unknown field (allowed: ${ON_DEMAND_FIELDS.join(', ')})`,
    );
  }
  // A union (regions: "all" | list) reports every branch; when the value had one branch's type,
  // that branch's own problems are the useful ones (e.g. which list entry is wrong).
  if (issue.code === 'invalid_union') {
    const matched = issue.errors.find((branch) => branch.every((inner) => !isTypeMismatch(inner)));
    if (matched) return matched.flatMap((inner) => describeIssue(inner, path));
  }
  return [`${path.length ? path.join('.') : '(payload)'}: ${issue.message}`];
}

function isTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
