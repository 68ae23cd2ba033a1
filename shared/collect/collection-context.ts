import type { ClientFactory } from '../aws/clients.js';
import type { CallGovernor } from '../aws/governor.js';
import type { CollectionError } from '../snapshot/types.js';
import type { OncePerScan } from './once-per-scan.js';
import { pastDeadline, type TimeLimit, TimeLimitReachedError } from './time-limit.js';

/** What every read needs before the account is known: clients, governor, where errors go. */
export interface CallContext {
  readonly clients: ClientFactory;
  readonly governor: CallGovernor;
  /** Region for account-wide calls (STS, EC2 DescribeRegions, s3control, GetBucketLocation). */
  readonly homeRegion: string;
  readonly progress: (message: string) => void;
  readonly errors: CollectionError[];
  readonly once: OncePerScan;
  /** Past its deadline no new call starts (a Lambda's time limit); absent: no limit. */
  readonly timeLimit?: TimeLimit;
}

/** A call context once STS has told us whose account this is. */
export interface ScanContext extends CallContext {
  readonly accountId: string;
  readonly partition: string;
}

/** One AWS call as the snapshot records it. */
export interface AwsCall {
  /** `service:Operation`, e.g. `kms:DescribeKey`; also the governor's API name. */
  operation: string;
  /** The region the call is sent to; absent for IAM, which is global. */
  region?: string;
  /** The ARN of the resource read, when there is one. */
  resource?: string;
  /** Error names that mean "this does not exist" (or "has no such setting") rather than a failure. */
  absentOn?: readonly string[];
}

/** How a call ended: a value, an expected "not found" error, or a failure recorded in `errors`. */
export type CallOutcome<T> =
  | { status: 'ok'; value: T }
  | { status: 'absent'; code: string }
  | { status: 'failed'; code: string };

/**
 * Sends one call through the governor. An error named in `absentOn` is an answer ("absent");
 * any other error, after the SDK's own retries, becomes a collection error and the scan goes on,
 * so a denied read leaves the resource unknown instead of stopping everything. Past the context's
 * deadline the call is not sent (even if it was already waiting in the governor's queue): it is
 * recorded as TimeLimitReached, and what needed it stays unknown.
 */
export async function callAws<T>(
  context: CallContext,
  call: AwsCall,
  send: () => Promise<T>,
): Promise<CallOutcome<T>> {
  const { timeLimit } = context;
  // Asked before the call queues, when its turn comes, and once it has its rate token, just before
  // it is sent: a queue of thousands, or a slow quota, may hold a call past the deadline.
  const refuseLate = () => {
    if (timeLimit && pastDeadline(timeLimit)) throw new TimeLimitReachedError(timeLimit.deadline);
  };
  try {
    refuseLate();
    const value = await context.governor.run(
      call.operation,
      call.region ?? 'global',
      () => {
        refuseLate();
        return send();
      },
      refuseLate,
    );
    return { status: 'ok', value };
  } catch (error) {
    const code = errorCode(error);
    if (call.absentOn?.includes(code) && !(error instanceof TimeLimitReachedError)) {
      return { status: 'absent', code };
    }
    context.errors.push({
      operation: call.operation,
      ...(call.resource ? { resource: call.resource } : {}),
      ...(call.region ? { region: call.region } : {}),
      code,
      message: errorMessage(error, code),
    });
    return { status: 'failed', code };
  }
}

/**
 * Reads every page of a paginated call. `send` receives the previous page's token (undefined for
 * the first page); `nextToken` extracts the next one; `onPage`, when given, hears each page as it
 * arrives, so work on it need not wait for the last. The first failing page fails the whole read:
 * a partial list would pass for a complete one.
 */
export async function callAwsPages<Page>(
  context: CallContext,
  call: AwsCall,
  send: (token: string | undefined) => Promise<Page>,
  nextToken: (page: Page) => string | undefined,
  onPage?: (page: Page) => void,
): Promise<CallOutcome<Page[]>> {
  const pages: Page[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const current = token;
    const outcome = await callAws(context, call, () => send(current));
    if (outcome.status !== 'ok') return outcome;
    pages.push(outcome.value);
    onPage?.(outcome.value);
    token = nextToken(outcome.value);
    // A token seen before would loop forever (a misbehaving endpoint). The pages read so far are
    // not the whole list, so the read fails rather than pass a partial list for a complete one.
    if (token !== undefined && seen.has(token)) {
      const code = 'RepeatedPaginationToken';
      context.errors.push({
        operation: call.operation,
        ...(call.resource ? { resource: call.resource } : {}),
        ...(call.region ? { region: call.region } : {}),
        code,
        message: `The endpoint returned the pagination token "${token}" twice; the list is incomplete.`,
      });
      return { status: 'failed', code };
    }
    if (token !== undefined) seen.add(token);
  } while (token);
  return { status: 'ok', value: pages };
}

/** The AWS error code of a failure: the SDK sets it as the error's name. */
export function errorCode(error: unknown): string {
  return error instanceof Error && error.name ? error.name : 'UnknownError';
}

function errorMessage(error: unknown, code: string): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : `${code} (no message)`;
}
