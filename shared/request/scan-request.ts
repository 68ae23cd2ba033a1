import * as z from 'zod';
import { REGION_PATTERN } from '../arn.js';
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
  /**
   * Continues a scan that stopped at its time limit: merged into latest.json; without regions and
   * applications, scans what latest.json lists as not reached (docs/reliability.md, "Time limit").
   */
  continuation?: boolean;
}

/** The trigger of one account × region item of an organisation scan (the Distributed Map's items). */
export const ORGANIZATION_TRIGGER = 'organization';

/** One item of an organisation scan's targets.json: scan this account in this region for that organisation scan. */
export interface ScanItem {
  trigger: typeof ORGANIZATION_TRIGGER;
  orgScanId: string;
  accountId: string;
  accountName?: string;
  region: string;
}

/** A Lambda invocation understood: why it runs and what it asks for (or, in an organisation scan, which item). */
export type ScanInvocation =
  | { trigger: Trigger; request: ScanRequest }
  | { trigger: typeof ORGANIZATION_TRIGGER; item: ScanItem };

/** Region names as AWS spells them (shared/arn.ts): kept here for the handlers' configuration. */
export { REGION_PATTERN };

const APPLICATION_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const APPLICATION_ARN =
  /^arn:aws[a-z-]*:kinesisanalytics:[a-z0-9-]+:\d{12}:application\/[a-zA-Z0-9_.-]{1,128}$/;

const ON_DEMAND_FIELDS = ['trigger', 'regions', 'applications', 'dryRun', 'continuation'] as const;
const SCAN_ITEM_FIELDS = ['trigger', 'orgScanId', 'accountId', 'accountName', 'region'] as const;
// newScanId() ids, kept to characters safe in S3 keys and STS session names.
const ORG_SCAN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const SCHEDULED_SOURCES = ['aws.events', 'aws.scheduler'] as const;

/** A list of distinct strings, each reported by index when it repeats. */
function distinctList(item: z.ZodString, what: string) {
  return z
    .array(item, { error: `must be a list of ${what}` })
    .min(1, `must name at least one ${what.replace(/s$/, '')} (omit the field to mean all)`)
    .superRefine(
      (values, context) => {
        // A Set, not indexOf: a payload listing 100,000 entries must not take minutes to refuse.
        const seen = new Set<string>();
        values.forEach((value, index) => {
          if (seen.has(value)) {
            context.addIssue({ code: 'custom', path: [index], message: `"${shown(value)}" is listed twice` });
          }
          seen.add(value);
        });
      },
      // Also when some entries are malformed, so one pass reports every problem.
      { when: (payload) => Array.isArray(payload.value) },
    );
}

// AWS's geographies, partition qualifiers and compass points (aws, aws-cn, aws-us-gov, aws-iso*,
// and aws-eusc, the European Sovereign Cloud, whose regions are eusc-<country>). A name outside
// them is a typo or no region at all: refused here, before any AWS call or write, rather than
// scanned into a report of ERRORs.
const AWS_REGION =
  /^((af|ap|ca|cn|eu|il|me|mx|sa|us)(-(gov|iso|isob|isoe|isof))?|eusc-de)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;

const regionName = z
  .string({ error: 'must be a region name such as eu-west-1' })
  .refine((value) => REGION_PATTERN.test(value), {
    error: (issue) => `"${shown(issue.input)}" is not a region name (expected e.g. eu-west-1)`,
  })
  // Only names of the right shape: a malformed one already has its problem.
  .refine((value) => !REGION_PATTERN.test(value) || AWS_REGION.test(value), {
    error: (issue) =>
      `"${shown(issue.input)}" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)`,
  });

const applicationReference = z
  .string({ error: 'must be an application name or ARN' })
  .refine((value) => APPLICATION_NAME.test(value) || APPLICATION_ARN.test(value), {
    error: (issue) =>
      `"${shown(issue.input)}" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN`,
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
  continuation: z.boolean({ error: 'must be true or false' }).optional(),
});

const scanItemSchema = z.strictObject({
  trigger: z.literal(ORGANIZATION_TRIGGER),
  orgScanId: z
    .string({ error: 'must be the organisation scan id (from the ListTargets step)' })
    .regex(ORG_SCAN_ID, 'must be an organisation scan id such as 20261129T020000Z-0a1b2c3d'),
  accountId: z
    .string({ error: 'must be a 12-digit account id' })
    .regex(/^\d{12}$/, 'must be a 12-digit account id'),
  // Organizations allows account names of 1 to 50 characters.
  accountName: z
    .string({ error: 'must be the account name' })
    .min(1, 'must not be empty (omit the field instead)')
    .max(50, 'must be at most 50 characters')
    .optional(),
  region: regionName,
});

// EventBridge rules and EventBridge Scheduler (when it forwards the event envelope) both say
// "Scheduled Event"; the envelope carries no request, so such a scan uses the deployment's defaults.
const scheduledEnvelopeSchema = z.looseObject({
  source: z.enum(SCHEDULED_SOURCES, { error: 'must be "aws.events" or "aws.scheduler"' }),
  'detail-type': z.literal('Scheduled Event', { error: 'must be "Scheduled Event"' }),
});

/**
 * Understands a Lambda payload: a scheduled-event envelope (`source` aws.events / aws.scheduler,
 * `detail-type` Scheduled Event), our schedule's fixed input `{"trigger":"schedule"}`, an
 * on-demand request `{ regions?, applications?, dryRun? }`, or an organisation scan item
 * `{ trigger: "organization", orgScanId, accountId, accountName?, region }`. Throws
 * InvalidRequestError naming every problem with its field path.
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
  if (event.trigger === ORGANIZATION_TRIGGER)
    return { trigger: ORGANIZATION_TRIGGER, item: parseScanItem(event) };
  const { trigger, ...request } = validateScanRequest(event);
  return { trigger: trigger ?? 'on-demand', request };
}

/** Validates one organisation scan item (strict: unknown fields are refused); throws InvalidRequestError. */
export function parseScanItem(input: unknown): ScanItem {
  const result = scanItemSchema.safeParse(input);
  if (!result.success) throw new InvalidRequestError(problemsOf(result.error, SCAN_ITEM_FIELDS));
  const { trigger, orgScanId, accountId, accountName, region } = result.data;
  return { trigger, orgScanId, accountId, ...(accountName ? { accountName } : {}), region };
}

// Far above any real request (AWS has fewer than 64 regions): a longer list is refused before
// its entries are checked one by one, so a 6 MB payload costs milliseconds, not seconds.
const MAX_LISTED = { regions: 64, applications: 10_000 } as const;

/** Validates on-demand request fields (also used for CLI flags); throws InvalidRequestError. */
export function validateScanRequest(input: unknown): ScanRequest & { trigger?: Trigger } {
  const oversized = isRecord(input)
    ? Object.entries(MAX_LISTED).flatMap(([field, max]) => {
        const value = input[field];
        return Array.isArray(value) && value.length > max
          ? [
              `${field}: lists ${value.length} entries; at most ${max} are allowed (omit the field to mean all)`,
            ]
          : [];
      })
    : [];
  if (oversized.length > 0) throw new InvalidRequestError(oversized);
  const result = onDemandSchema.safeParse(input);
  if (!result.success) throw new InvalidRequestError(problemsOf(result.error));
  const { trigger, regions, applications, dryRun, continuation } = result.data;
  return {
    ...(trigger ? { trigger } : {}),
    ...(regions ? { regions } : {}),
    ...(applications ? { applications } : {}),
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(continuation ? { continuation } : {}),
  };
}

// Enough to fix a payload in one pass; a hostile one must not turn the error into megabytes of log.
const MAX_PROBLEMS = 20;
const MAX_SHOWN_CHARACTERS = 80;

/** One line per problem, `path: message`, with unknown fields listed one by one (at most MAX_PROBLEMS). */
function problemsOf(error: z.ZodError, allowed: readonly string[] = ON_DEMAND_FIELDS): string[] {
  const problems = error.issues.flatMap((issue) => describeIssue(issue, [], allowed));
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    `… and ${problems.length - MAX_PROBLEMS} more problems of the same kind`,
  ];
}

/** A value quoted in a message: control characters escaped and long values cut, so the line stays one readable line. */
function shown(value: unknown): string {
  const text = JSON.stringify(String(value)).slice(1, -1);
  return text.length > MAX_SHOWN_CHARACTERS ? `${text.slice(0, MAX_SHOWN_CHARACTERS)}…` : text;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  parent: readonly PropertyKey[],
  allowed: readonly string[],
): string[] {
  const path = [...parent, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) => `${[...path, shown(key)].join('.')}: unknown field (allowed: ${allowed.join(', ')})`,
    );
  }
  // A union (regions: "all" | list) reports every branch; when the value had one branch's type,
  // that branch's own problems are the useful ones (e.g. which list entry is wrong).
  if (issue.code === 'invalid_union') {
    const matched = issue.errors.find((branch) => branch.every((inner) => !isTypeMismatch(inner)));
    if (matched) return matched.flatMap((inner) => describeIssue(inner, path, allowed));
  }
  return [`${path.length ? path.join('.') : '(payload)'}: ${issue.message}`];
}

function isTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
