import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import { LONG_TERM_KEY_ID_PREFIX } from '../secrets/key-shapes.js';
import { maskKeyId } from '../secrets/mask.js';
import type { AccessKeyDetail } from '../snapshot/types.js';
import {
  type CallOutcome,
  callAws,
  callAwsPages,
  errorCode,
  type ScanContext,
} from './collection-context.js';
import { NO_SUCH_ENTITY } from './iam-role-reads.js';
import { snapshotShape } from './snapshot-shape.js';

/**
 * Looks up access key ids found in the account's applications: whose account each belongs to
 * (sts:GetAccessKeyInfo) and, for this account's long-term keys, the IAM user, its last use
 * (iam:GetAccessKeyLastUsed) and its status and creation date (iam:ListAccessKeys of that user).
 * Each id is looked up once per scan, as soon as it is found (`found`), while the rest of
 * collection goes on. A key of another account gets only its Account; a key of this account IAM
 * no longer knows gets no Status (deleted). A failed read is recorded in `collectionErrors`
 * against the key id (messages masked) and leaves the key unknown.
 */
export class AccessKeyLookups {
  readonly #context: ScanContext;
  readonly #lookups = new Map<string, Promise<AccessKeyDetail | undefined>>();

  constructor(context: ScanContext) {
    this.#context = context;
  }

  /** Key ids just found: each one not asked about yet is looked up now. */
  found(accessKeyIds: Iterable<string>): void {
    for (const id of accessKeyIds) {
      if (this.#lookups.has(id)) continue;
      const context = this.#context;
      const lookup = context.once.run(`access-key|${id}`, () => lookUpAccessKey(context, id));
      // Reads record their own failures; anything else leaves the key unknown (never a rejection
      // left unhandled until close), its id masked like every message about a key.
      this.#lookups.set(
        id,
        lookup.catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          context.errors.push({
            operation: 'collect:access-key',
            resource: id,
            code: errorCode(error),
            message: message.replaceAll(id, maskKeyId(id)),
          });
          return undefined;
        }),
      );
    }
  }

  /** No key is found any more: what was learnt about each key found, in id order, once all are back. */
  async close(): Promise<AccessKeyDetail[]> {
    const ids = [...this.#lookups.keys()].sort();
    const details = await Promise.all(ids.map((id) => this.#lookups.get(id)));
    if (ids.length > 0) {
      this.#context.progress(`IAM: ${ids.length} access key id(s) found in applications looked up.`);
    }
    return details.filter((detail) => detail !== undefined);
  }
}

async function lookUpAccessKey(
  context: ScanContext,
  accessKeyId: string,
): Promise<AccessKeyDetail | undefined> {
  const region = context.homeRegion;
  const operation = 'sts:GetAccessKeyInfo';
  const info = await masked(
    context,
    accessKeyId,
    operation,
    callAws(context, { operation, region, resource: accessKeyId }, () =>
      context.clients.sts(region).send(new GetAccessKeyInfoCommand({ AccessKeyId: accessKeyId })),
    ),
  );
  if (info.status !== 'ok') return undefined;
  const account = info.value.Account;
  if (!account) {
    context.errors.push({
      operation,
      resource: accessKeyId,
      region,
      code: 'IncompleteResponse',
      message: 'GetAccessKeyInfo returned no account id; scan again to look the key up.',
    });
    return undefined;
  }
  const key: AccessKeyDetail = { AccessKeyId: accessKeyId, Account: account };
  // ASIA ids are STS session credentials: no IAM user owns them, IAM knows no status for them.
  if (account !== context.accountId || !accessKeyId.startsWith(LONG_TERM_KEY_ID_PREFIX)) return key;
  return { ...key, ...(await iamStanding(context, accessKeyId)) };
}

/** The user, last use, status and creation date IAM reports for a key of this account. */
async function iamStanding(context: ScanContext, accessKeyId: string): Promise<Partial<AccessKeyDetail>> {
  const iam = context.clients.iam();
  const lastUsedOperation = 'iam:GetAccessKeyLastUsed';
  const lastUsed = await masked(
    context,
    accessKeyId,
    lastUsedOperation,
    callAws(context, { operation: lastUsedOperation, resource: accessKeyId, absentOn: NO_SUCH_ENTITY }, () =>
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
    ),
  );
  // NoSuchEntity: IAM knows no such key any more (deleted), which the missing Status says.
  if (lastUsed.status !== 'ok' || !lastUsed.value.UserName) return {};
  const userName = lastUsed.value.UserName;
  const known: Partial<AccessKeyDetail> = {
    UserName: userName,
    ...(lastUsed.value.AccessKeyLastUsed
      ? { AccessKeyLastUsed: snapshotShape(lastUsed.value.AccessKeyLastUsed) }
      : {}),
  };
  const listOperation = 'iam:ListAccessKeys';
  const listed = await masked(
    context,
    accessKeyId,
    listOperation,
    callAwsPages(
      context,
      { operation: listOperation, resource: accessKeyId, absentOn: NO_SUCH_ENTITY },
      (token) => iam.send(new ListAccessKeysCommand({ UserName: userName, Marker: token })),
      (page) => (page.IsTruncated ? page.Marker : undefined),
    ),
  );
  if (listed.status !== 'ok') return known;
  // Not listed (or the user is gone): deleted since GetAccessKeyLastUsed answered.
  const metadata = listed.value
    .flatMap((page) => page.AccessKeyMetadata ?? [])
    .find((entry) => entry.AccessKeyId === accessKeyId);
  if (!metadata) return known;
  const { Status, CreateDate } = snapshotShape(metadata);
  return {
    ...known,
    ...(typeof Status === 'string' ? { Status } : {}),
    ...(typeof CreateDate === 'string' ? { CreateDate } : {}),
  };
}

/**
 * The outcome of a call about an access key, with the key id masked in the message of the error it
 * recorded: AWS may quote the id, and collection errors reach reports, logs and alerts.
 */
async function masked<T>(
  context: ScanContext,
  accessKeyId: string,
  operation: string,
  call: Promise<CallOutcome<T>>,
): Promise<CallOutcome<T>> {
  const outcome = await call;
  if (outcome.status !== 'failed') return outcome;
  for (const error of context.errors) {
    if (error.operation === operation && error.resource === accessKeyId) {
      error.message = error.message.replaceAll(accessKeyId, maskKeyId(accessKeyId));
    }
  }
  return outcome;
}
