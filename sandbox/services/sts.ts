import { randomBytes } from 'node:crypto';
import { parseArn } from '../../shared/arn.js';
import { accountOf } from '../../shared/snapshot/access-key-standing.js';
import type { RoleDetail } from '../../shared/snapshot/types.js';
import type { SandboxState } from '../state.js';
import { AwsServiceError, type OperationContext, type QueryService } from '../types.js';
import { validAccessKeyId } from './iam-access-keys.js';
import { roleIdOf } from './iam-entities.js';
import { guard } from './lookups.js';
import { indexedRecords, integerParam, requiredParam, validationError } from './query-wire.js';

const SESSION_NAME = /^[\w+=,.@-]*$/;
// STS's default session length, and the role's MaxSessionDuration when it sets none.
const DEFAULT_DURATION_SECONDS = 3600;
const ACCESS_KEY = /Credential=([^/,\s]+)\//;
/** The account every access key id the snapshot does not list belongs to (see docs/snapshot-format.md). */
export const FOREIGN_ACCOUNT_ID = '999999999999';

/**
 * STS: who the caller is, temporary credentials for the snapshot's roles, and whose account an
 * access key belongs to. A caller is the account's own `sandbox` user, or the role session whose
 * credentials AssumeRole handed out.
 */
export const stsService: QueryService = {
  signingName: 'sts',
  flavour: 'query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    GetCallerIdentity: (_params, context) => callerIdentity(context),
    GetAccessKeyInfo(params, context) {
      const accessKeyId = validAccessKeyId(requiredParam(params, 'AccessKeyId'));
      guard(context, 'sts:GetAccessKeyInfo', accessKeyId);
      return { Account: accessKeyAccount(context.state, accessKeyId) };
    },
    AssumeRole(params, context) {
      const roleArn = requiredParam(params, 'RoleArn');
      const sessionName = validSessionName(requiredParam(params, 'RoleSessionName'));
      const duration =
        integerParam(params, 'DurationSeconds', { min: 900, max: 43200 }) ?? DEFAULT_DURATION_SECONDS;
      const caller = callerIdentity(context);
      guard(context, 'sts:AssumeRole', roleArn);
      const role = assumableRole(context.state, roleArn);
      if (!role) {
        throw new AwsServiceError(
          'AccessDenied',
          `User: ${caller.Arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      }
      const maxDuration =
        typeof role.MaxSessionDuration === 'number' ? role.MaxSessionDuration : DEFAULT_DURATION_SECONDS;
      if (duration > maxDuration) {
        throw new AwsServiceError(
          'ValidationError',
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        );
      }
      const { state } = context;
      const session = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        arn: `arn:${state.partition}:sts::${state.accountId}:assumed-role/${role.RoleName}/${sessionName}`,
        assumedRoleId: `${roleIdOf(role)}:${sessionName}`,
        // AWS gives whole seconds.
        expiration: new Date(Math.floor(Date.now() / 1000 + duration) * 1000),
      };
      state.sessions.set(session.accessKeyId, session);
      return {
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: randomBytes(30).toString('base64'),
          SessionToken: randomBytes(96).toString('base64'),
          Expiration: session.expiration.toISOString().replace('.000Z', 'Z'),
        },
        AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.arn },
        PackedPolicySize: packedPolicySize(params),
        SourceIdentity: params.get('SourceIdentity') ?? undefined,
      };
    },
  },
};

/** The caller as GetCallerIdentity reports it; an expired role session fails as AWS's does. */
function callerIdentity(context: OperationContext): { UserId: string; Account: string; Arn: string } {
  const { state, request } = context;
  const credential =
    ACCESS_KEY.exec(request.headers.authorization ?? '') ??
    ACCESS_KEY.exec(`Credential=${request.query.get('X-Amz-Credential') ?? ''}`);
  const session = credential ? state.sessions.get(credential[1]!) : undefined;
  if (!session) {
    return {
      UserId: 'AIDASANDBOXUSER000001',
      Account: state.accountId,
      Arn: `arn:${state.partition}:iam::${state.accountId}:user/sandbox`,
    };
  }
  if (session.expiration.getTime() <= Date.now()) {
    throw new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', 403);
  }
  return { UserId: session.assumedRoleId, Account: state.accountId, Arn: session.arn };
}

/**
 * Whose account an access key belongs to: as the snapshot's lookup of it says, this account for
 * the sessions AssumeRole handed out, else a fixed foreign account (a key nobody here knows).
 */
function accessKeyAccount(state: SandboxState, accessKeyId: string): string {
  const key = state.index.accessKey(accessKeyId);
  const known = key ? accountOf(key, state.accountId) : undefined;
  if (known) return known;
  if (state.sessions.has(accessKeyId)) return state.accountId;
  // A snapshot of the foreign account itself would otherwise call every unknown key its own.
  return state.accountId === FOREIGN_ACCOUNT_ID ? '999999999998' : FOREIGN_ACCOUNT_ID;
}

/** A role of this account that the snapshot holds; roles elsewhere are out of the sandbox's reach. */
function assumableRole(state: SandboxState, roleArn: string): RoleDetail | undefined {
  const arn = parseArn(roleArn);
  if (arn?.service !== 'iam' || arn.accountId !== state.accountId || !arn.resource.startsWith('role/')) {
    return undefined;
  }
  return state.index.role(roleArn);
}

function validSessionName(name: string): string {
  const at = `Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must`;
  if (name.length < 2) throw validationError(`${at} have length greater than or equal to 2`);
  if (name.length > 64) throw validationError(`${at} have length less than or equal to 64`);
  if (!SESSION_NAME.test(name))
    throw validationError(`${at} satisfy regular expression pattern: [\\w+=,.@-]*`);
  return name;
}

/**
 * The share of the session-policy allowance used, in percent, which AWS reports only when session
 * policies are passed. AWS measures the packed (compressed) form; the plain size is close enough.
 */
function packedPolicySize(params: URLSearchParams): number | undefined {
  const policy = params.get('Policy') ?? '';
  const policyArns = indexedRecords(params, 'PolicyArns.member').length;
  if (!policy && policyArns === 0) return undefined;
  return Math.min(100, Math.max(1, Math.ceil(((policy.length + policyArns * 100) / 2048) * 100)));
}
