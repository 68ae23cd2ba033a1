import { createHash, randomUUID } from 'node:crypto';
import { InvalidRequestError } from '../shared/errors.js';
import { AccountIndex } from '../shared/snapshot/account-index.js';
import type { AccountSnapshot } from '../shared/snapshot/types.js';
import { type SandboxStats, TrafficCounter } from './load/traffic-stats.js';
import type { PendingUpload } from './services/s3-multipart.js';
import { AwsServiceError } from './types.js';

/** An object kept in a sandbox bucket. */
export interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

/** Where and when a sandbox bucket was created: what GetBucketLocation and ListBuckets report. */
export interface BucketRecord {
  region: string;
  creationDate: Date;
}

/** A message published to a sandbox SNS topic, kept for tests and the demo to read. */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  messageStructure?: string;
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  publishedAt: Date;
}

/**
 * Temporary credentials STS AssumeRole handed out: requests signed with them are served from the
 * role's account, and GetCallerIdentity answers as the role session.
 */
export interface AssumedRoleSession {
  accessKeyId: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** `ROLEID:SESSION`. */
  assumedRoleId: string;
  expiration: Date;
  /** The account of the role; absent in sessions recorded before the sandbox served several accounts. */
  accountId?: string;
  /** The role's ARN, path included: what a trust policy names to trust this session. */
  roleArn?: string;
}

// Denials AWS answers with HTTP 403 under other names than AccessDenied* (SNS, EC2, STS tokens).
const FORBIDDEN_CODES = new Set([
  'AuthorizationError',
  'UnauthorizedOperation',
  'ExpiredToken',
  'InvalidClientTokenId',
]);

/** Knobs of the sandbox's behaviour. */
export interface SandboxOptions {
  /** Overrides every paginated operation's page size, so tests cross page boundaries. */
  pageSize?: number;
}

/** The accounts one sandbox serves together, shared by each account's state. */
export interface SandboxAccountLinks {
  /** The auditor's account: the one the sandbox's own static credentials belong to. */
  auditor: SandboxState;
  /** Every account served, the auditor's included, by account id. */
  accounts: Map<string, SandboxState>;
  /** AssumeRole sessions of every account, by access key id. */
  sessions: Map<string, AssumedRoleSession>;
}

/**
 * What the sandbox serves: the account snapshot (read-only) plus what clients write to it
 * (S3 objects, SNS messages). One instance per sandbox server.
 */
export class SandboxState {
  readonly snapshot: AccountSnapshot;
  readonly index: AccountIndex;
  readonly accountId: string;
  readonly partition: string;
  readonly pageSize: number | undefined;
  readonly messages: PublishedMessage[] = [];
  /** SNS topics by ARN, with the attributes set on them: the snapshot's, then CreateTopic's. */
  readonly topics = new Map<string, Record<string, string>>();
  /** AssumeRole sessions by access key id, of every account the sandbox serves. */
  readonly sessions: Map<string, AssumedRoleSession>;
  /** Every account the sandbox serves, this one included, by account id. */
  readonly accounts: Map<string, SandboxState>;
  /** The auditor's account (this one, unless this is a member account). */
  readonly auditor: SandboxState;
  /** Requests, throttles and injected faults per operation (see `stats()`). */
  readonly traffic = new TrafficCounter();
  /** S3 multipart uploads in progress, by upload id: S3 keeps them until completed or aborted. */
  readonly multipartUploads = new Map<string, PendingUpload>();
  readonly #objects = new Map<string, Map<string, StoredObject>>();
  readonly #buckets = new Map<string, BucketRecord>();

  /** Without `links`, the state is the auditor's and the only account served. */
  constructor(
    snapshot: AccountSnapshot,
    options: SandboxOptions = {},
    links: Partial<SandboxAccountLinks> = {},
  ) {
    this.snapshot = snapshot;
    this.index = new AccountIndex(snapshot);
    this.accountId = snapshot.accountId;
    this.partition = snapshot.partition ?? 'aws';
    this.pageSize = options.pageSize;
    this.sessions = links.sessions ?? new Map();
    this.accounts = links.accounts ?? new Map();
    this.auditor = links.auditor ?? this;
    if (this.accounts.has(this.accountId)) {
      throw new InvalidRequestError([
        `account ${this.accountId} is served twice: give each account of the sandbox its own snapshot and account id`,
      ]);
    }
    this.accounts.set(this.accountId, this);
    for (const topic of snapshot.sns?.topics ?? []) {
      if (typeof topic.TopicArn === 'string') this.topics.set(topic.TopicArn, { ...topic.Attributes });
    }
    const collectedAt = validDate(snapshot.collectedAt) ?? new Date();
    for (const bucket of snapshot.s3?.buckets ?? []) {
      // Older buckets answer "EU" for eu-west-1; a bucket without a region is in us-east-1.
      const region = bucket.Region === 'EU' ? 'eu-west-1' : bucket.Region || 'us-east-1';
      this.#buckets.set(bucket.Name, { region, creationDate: validDate(bucket.CreationDate) ?? collectedAt });
      const objects = new Map<string, StoredObject>();
      for (const object of bucket.Objects ?? []) {
        // An object a scan recorded by its scan result alone has no bytes to serve: it does not exist here.
        if (object.ContentBase64 === undefined) continue;
        const body = Buffer.from(object.ContentBase64, 'base64');
        objects.set(object.Key, storedObject(body, 'application/octet-stream'));
      }
      this.#objects.set(bucket.Name, objects);
    }
  }

  /** What the sandbox has served so far: requests per operation, throttled, faults injected. */
  stats(): SandboxStats {
    return this.traffic.snapshot();
  }

  /** The objects of a bucket that exists (in the snapshot or created since), else undefined. */
  bucketObjects(bucket: string): Map<string, StoredObject> | undefined {
    return this.#objects.get(bucket);
  }

  /** Where and when a bucket that exists was created, else undefined. */
  bucketRecord(bucket: string): BucketRecord | undefined {
    return this.#buckets.get(bucket);
  }

  /** Every bucket of the account (in the snapshot or created since), by name. */
  bucketRecords(): ReadonlyMap<string, BucketRecord> {
    return this.#buckets;
  }

  /** Creates an empty bucket (S3 CreateBucket) in a region; a bucket that exists is left as it is. */
  createBucket(bucket: string, region = 'us-east-1'): void {
    if (this.#objects.has(bucket)) return;
    this.#objects.set(bucket, new Map());
    this.#buckets.set(bucket, { region, creationDate: new Date() });
  }

  /** Stores an object in an existing bucket; `etag` for one S3 does not derive from the body (multipart). */
  putObject(bucket: string, key: string, body: Buffer, contentType: string, etag?: string): StoredObject {
    const objects = this.#objects.get(bucket);
    if (!objects) throw new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', 404);
    const stored = { ...storedObject(body, contentType), ...(etag ? { etag } : {}) };
    objects.set(key, stored);
    return stored;
  }

  /** Keeps a published SNS message and returns its id. */
  publish(message: Omit<PublishedMessage, 'messageId' | 'publishedAt'>): string {
    const messageId = randomUUID();
    this.messages.push({ ...message, messageId, publishedAt: new Date() });
    return messageId;
  }

  /**
   * The error a read must fail with because the snapshot says collection could not make it:
   * a `collectionErrors` entry for this operation and resource (or for the whole service in this
   * region when the entry names no resource). Answered as AWS would: AccessDenied and the like.
   */
  recordedFailure(
    operation: string,
    resource: string | undefined,
    region: string,
  ): AwsServiceError | undefined {
    const entry = (this.snapshot.collectionErrors ?? []).find(
      (error) =>
        error.operation === operation &&
        (error.resource ? error.resource === resource : !error.region || error.region === region),
    );
    if (!entry) return undefined;
    const forbidden = entry.code.startsWith('AccessDenied') || FORBIDDEN_CODES.has(entry.code);
    return new AwsServiceError(entry.code, entry.message, forbidden ? 403 : 400);
  }
}

function validDate(text: unknown): Date | undefined {
  const date = typeof text === 'string' ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function storedObject(body: Buffer, contentType: string): StoredObject {
  return {
    body,
    contentType,
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified: new Date(),
  };
}

/** One page of a list, with the opaque token of the next one. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Pages a list as AWS does: an opaque token, a caller's limit capped by the service's maximum,
 * and the sandbox's page-size override (so tests cross page boundaries). A token the sandbox did
 * not issue fails with `invalidTokenCode`, as the real services reject foreign tokens.
 */
export function paginate<T>(
  items: readonly T[],
  options: {
    token?: unknown;
    limit?: unknown;
    defaultLimit: number;
    state: SandboxState;
    invalidTokenCode: string;
  },
): Page<T> {
  const offset =
    options.token === undefined || options.token === null
      ? 0
      : decodeToken(options.token, options.invalidTokenCode);
  const asked =
    typeof options.limit === 'number' && options.limit > 0
      ? options.limit
      : Number(options.limit) || undefined;
  const size = Math.min(asked ?? options.defaultLimit, options.state.pageSize ?? Number.POSITIVE_INFINITY);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { items: page, nextToken: encodeToken(next) } : { items: page };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ sandbox: 1, offset })).toString('base64url');
}

function decodeToken(token: unknown, code: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {
      sandbox?: number;
      offset?: unknown;
    };
    if (decoded.sandbox === 1 && typeof decoded.offset === 'number' && decoded.offset >= 0)
      return decoded.offset;
  } catch {
    // fall through: not a token of ours
  }
  throw new AwsServiceError(code, `Invalid pagination token: ${String(token).slice(0, 40)}`);
}
