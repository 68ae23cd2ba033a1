import type { Status } from '../../shared/checks/types.js';
import type { ApplicationDetail } from '../../shared/snapshot/types.js';
import { type SeededRandom, weightedPicker } from './random.js';

/** What a planted problem makes a check say: the check it targets and the verdict it forces. */
export interface PlantedProblem {
  /** One sentence for humans: what was planted. */
  summary: string;
  /** The check the problem is planted for. */
  checkId: string;
  /** The verdict that check gives: FAIL, or ERROR for what collection could not read. */
  status: Extract<Status, 'FAIL' | 'ERROR'>;
  /** Other checks the same problem also trips (a wildcard role is also a data-action grant). */
  alsoAffects: readonly string[];
  /** Problems that act on the same resource, of which an application carries at most one. */
  group?: 'role-permissions' | 'stream-key';
  /** How often it is drawn, relative to the others (0: never drawn, placed by region instead). */
  weight: number;
}

/**
 * The catalogue of problems the generator plants, each one a finding the checks must report.
 * Weights follow what audits of real estates find most: missing logging and SSE-S3 buckets are
 * common, administrator roles and stored keys rarer.
 */
export const PLANTED_PROBLEMS = {
  'admin-role': {
    summary: 'execution role with AdministratorAccess attached',
    checkId: 'role-admin-access',
    status: 'FAIL',
    alsoAffects: ['role-privilege-escalation', 'role-data-actions-on-all-resources'],
    group: 'role-permissions',
    weight: 4,
  },
  'wildcard-role': {
    summary: 'execution role granting kinesis:* on every resource',
    checkId: 'role-service-wide-wildcard',
    status: 'FAIL',
    alsoAffects: ['role-data-actions-on-all-resources', 'role-write-actions-on-all-resources'],
    group: 'role-permissions',
    weight: 6,
  },
  'escalation-role': {
    summary: 'execution role granting iam:PassRole on every resource',
    checkId: 'role-privilege-escalation',
    status: 'FAIL',
    // iam:PassRole is a Write action, so the write-actions check reports it too.
    alsoAffects: ['role-write-actions-on-all-resources'],
    group: 'role-permissions',
    weight: 4,
  },
  'trust-without-source': {
    summary: 'trust policy without aws:SourceAccount / aws:SourceArn',
    checkId: 'role-trust-confused-deputy',
    status: 'FAIL',
    alsoAffects: [],
    weight: 8,
  },
  'basic-credentials': {
    summary: 'BASIC credentials provider with access keys in runtime properties',
    checkId: 'runtime-properties-no-credentials',
    status: 'FAIL',
    alsoAffects: [],
    weight: 4,
  },
  'keys-in-code': {
    summary: 'an IAM user access key compiled into a class of the code JAR',
    checkId: 'code-artifact-no-credentials',
    status: 'FAIL',
    alsoAffects: [],
    weight: 3,
  },
  'unencrypted-stream': {
    summary: 'unencrypted source stream',
    checkId: 'kinesis-stream-encrypted',
    status: 'FAIL',
    alsoAffects: [],
    group: 'stream-key',
    weight: 7,
  },
  'firehose-sse-off': {
    summary: 'Firehose sink with server-side encryption off',
    checkId: 'firehose-encrypted',
    status: 'FAIL',
    alsoAffects: [],
    weight: 5,
  },
  'sse-s3-bucket': {
    summary: 'code bucket encrypted with SSE-S3 instead of SSE-KMS',
    checkId: 's3-bucket-sse-kms',
    status: 'FAIL',
    alsoAffects: [],
    weight: 9,
  },
  'no-tls-policy': {
    summary: 'code bucket without a TLS-only bucket policy',
    checkId: 's3-bucket-tls-only',
    status: 'FAIL',
    alsoAffects: [],
    weight: 7,
  },
  'key-pending-deletion': {
    summary: 'source stream key pending deletion',
    checkId: 'kms-key-enabled',
    status: 'FAIL',
    // KMS reports automatic rotation off while a key is pending deletion.
    alsoAffects: ['kms-key-rotation'],
    group: 'stream-key',
    weight: 3,
  },
  'key-rotation-off': {
    summary: 'source stream key without automatic rotation',
    checkId: 'kms-key-rotation',
    status: 'FAIL',
    alsoAffects: [],
    group: 'stream-key',
    weight: 8,
  },
  'unreadable-key': {
    summary: 'source stream key the scan could not describe (AccessDenied in collectionErrors)',
    checkId: 'kms-key-enabled',
    status: 'ERROR',
    alsoAffects: ['kms-key-rotation', 'dependency-exists'],
    group: 'stream-key',
    weight: 3,
  },
  'logging-off': {
    summary: 'CloudWatch logging disabled',
    checkId: 'application-logging-enabled',
    status: 'FAIL',
    alsoAffects: [],
    weight: 10,
  },
  'old-runtime': {
    summary: 'runtime whose support has ended',
    checkId: 'runtime-supported',
    status: 'FAIL',
    alsoAffects: [],
    weight: 7,
  },
  'missing-dependency': {
    summary: 'runtime properties naming a stream that does not exist',
    checkId: 'dependency-exists',
    status: 'FAIL',
    alsoAffects: [],
    weight: 5,
  },
  'no-trail-coverage': {
    summary: 'region without a trail recording management events',
    checkId: 'cloudtrail-region-logging',
    status: 'FAIL',
    alsoAffects: [],
    weight: 0,
  },
} as const satisfies Record<string, PlantedProblem>;

/** The name of a planted problem. */
export type PlantedProblemKind = keyof typeof PLANTED_PROBLEMS;

/** Every planted problem kind, in catalogue order. */
export const PLANTED_PROBLEM_KINDS = Object.keys(PLANTED_PROBLEMS) as PlantedProblemKind[];

const DRAWN_KINDS = PLANTED_PROBLEM_KINDS.filter((kind) => PLANTED_PROBLEMS[kind].weight > 0);
const drawKind = weightedPicker(
  DRAWN_KINDS,
  DRAWN_KINDS.map((kind) => PLANTED_PROBLEMS[kind].weight),
);

/** Share of the applications with problems that carry two rather than one. */
const TWO_PROBLEMS_SHARE = 0.3;

/** One or (sometimes) two distinct problems from the catalogue, never two of one group. */
export function drawProblems(random: SeededRandom, atMost: 1 | 2 = 2): PlantedProblemKind[] {
  const first = drawKind(random);
  if (atMost === 1 || !random.chance(TWO_PROBLEMS_SHARE)) return [first];
  const group = groupOf(first);
  // Redraw until compatible: every group leaves plenty of other kinds, so this ends quickly.
  for (;;) {
    const second = drawKind(random);
    if (second !== first && (group === undefined || groupOf(second) !== group)) return [first, second];
  }
}

function groupOf(kind: PlantedProblemKind): string | undefined {
  const problem: PlantedProblem = PLANTED_PROBLEMS[kind];
  return problem.group;
}

const DESCRIPTION_MARKER = 'Planted problems: ';

/** The sentence an application's description ends with, naming its planted problems. */
export function plantedProblemsSentence(kinds: readonly PlantedProblemKind[]): string {
  return `${DESCRIPTION_MARKER}${kinds.length > 0 ? kinds.join(', ') : 'none'}.`;
}

/**
 * The problems planted in a generated application, read back from its ApplicationDescription
 * (which DescribeApplication returns, so they survive a round trip through the sandbox).
 */
export function plantedProblemsOf(application: ApplicationDetail): PlantedProblemKind[] {
  const description = application.ApplicationDescription;
  if (typeof description !== 'string') return [];
  const start = description.lastIndexOf(DESCRIPTION_MARKER);
  if (start < 0) return [];
  const listed = description.slice(start + DESCRIPTION_MARKER.length).replace(/\.$/, '');
  return listed
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind): kind is PlantedProblemKind => Object.hasOwn(PLANTED_PROBLEMS, kind));
}
