import { randomBytes } from 'node:crypto';
import { parseArn } from '../../shared/arn.js';
import { accountOf } from '../../shared/snapshot/access-key-standing.js';
import type { RoleDetail } from '../../shared/snapshot/types.js';
import { sessionOf, signingAccessKeyId } from '../account-routing.js';
import { organizationIdOf } from '../organization-membership.js';
import type { AssumedRoleSession, SandboxState } from '../state.js';
import { AwsServiceError, type OperationContext, type QueryService } from '../types.js';
import { validAccessKeyId } from './iam-access-keys.js';
import { roleIdOf } from './iam-entities.js';
import { guard } from './lookups.js';
import { indexedRecords, integerParam, requiredParam, validationError } from './query-wire.js';
import { type TrustedCaller, trustAllows } from './sts-trust.js';

const SESSION_NAME = /^[\w+=,.@-]*$/;
// STS's default session length, and the role's MaxSessionDuration when it sets none.
const DEFAULT_DURATION_SECONDS = 3600;
// A role session assuming another role (role chaining) gets one hour at most.
const CHAINED_MAX_SECONDS = 3600;
/** The account every access key id the snapshot does not list belongs to (see docs/snapshot-format.md). */
export const FOREIGN_ACCOUNT_ID = '999999999999';

/**
 * STS: who the caller is, temporary credentials for the roles of every account served (across
 * accounts as the role's trust policy allows, see sts-trust.ts), and whose account an access key
 * belongs to. A caller is the auditor account's own `sandbox` user, or the role session whose
 * credentials AssumeRole handed out (served from that role's account).
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
      const asked = integerParam(params, 'DurationSeconds', { min: 900, max: 43200 });
      const caller = currentCaller(context);
      guard(context, 'sts:AssumeRole', roleArn);
      const target = targetRole(context.state, roleArn);
      if (!target || !mayAssume(caller, target, params, context)) {
        // AWS says the same whether the role is missing or its trust policy refuses the caller.
        throw new AwsServiceError(
          'AccessDenied',
          `User: ${caller.identity.Arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      }
      const { role, state } = target;
      if (caller.session && asked !== undefined && asked > CHAINED_MAX_SECONDS) {
        throw new AwsServiceError(
          'ValidationError',
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        );
      }
      const duration = asked ?? DEFAULT_DURATION_SECONDS;
      const maxDuration =
        typeof role.MaxSessionDuration === 'number' ? role.MaxSessionDuration : DEFAULT_DURATION_SECONDS;
      if (duration > maxDuration) {
        throw new AwsServiceError(
          'ValidationError',
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        );
      }
      const session: AssumedRoleSession = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        arn: `arn:${state.partition}:sts::${state.accountId}:assumed-role/${role.RoleName}/${sessionName}`,
        assumedRoleId: `${roleIdOf(role)}:${sessionName}`,
        // AWS gives whole seconds.
        expiration: new Date(Math.floor(Date.now() / 1000 + duration) * 1000),
        accountId: state.accountId,
        roleArn: role.Arn,
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

/** The caller of a request: the auditor account's own `sandbox` user, or a role session AssumeRole handed out. */
interface Caller {
  identity: { UserId: string; Account: string; Arn: string };
  session?: AssumedRoleSession;
}

/** The caller as GetCallerIdentity reports it; an expired role session fails as AWS's does. */
function callerIdentity(context: OperationContext): Caller['identity'] {
  return currentCaller(context).identity;
}

function currentCaller(context: OperationContext): Caller {
  const { state, request } = context;
  const session = sessionOf(state, signingAccessKeyId(request.headers, request.query));
  if (!session) {
    return {
      identity: {
        UserId: 'AIDASANDBOXUSER000001',
        Account: state.accountId,
        Arn: `arn:${state.partition}:iam::${state.accountId}:user/sandbox`,
      },
    };
  }
  if (session.expiration.getTime() <= Date.now()) {
    throw new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', 403);
  }
  return {
    identity: {
      UserId: session.assumedRoleId,
      Account: session.accountId ?? state.accountId,
      Arn: session.arn,
    },
    session,
  };
}

/**
 * Whether the target role lets the caller in. The sandbox's own user may assume any role of its
 * own account, as it always could (it stands for the account's operator); every other caller,
 * role sessions and other accounts' principals, is judged by the role's trust policy.
 */
function mayAssume(
  caller: Caller,
  target: { role: RoleDetail; state: SandboxState },
  params: URLSearchParams,
  context: OperationContext,
): boolean {
  const { state } = context;
  if (!caller.session && target.state === state) return true;
  const trusted: TrustedCaller = {
    arns: caller.session?.roleArn ? [caller.session.roleArn, caller.session.arn] : [caller.identity.Arn],
    accountId: caller.identity.Account,
    partition: state.partition,
  };
  const organizationId = organizationIdOf(state);
  if (organizationId) trusted.organizationId = organizationId;
  const externalId = params.get('ExternalId');
  return trustAllows(target.role.AssumeRolePolicyDocument, trusted, externalId ? { externalId } : {});
}

/**
 * Whose account an access key belongs to: as the snapshot's lookup of it says, this account for
 * the sessions AssumeRole handed out, else a fixed foreign account (a key nobody here knows).
 */
function accessKeyAccount(state: SandboxState, accessKeyId: string): string {
  const key = state.index.accessKey(accessKeyId);
  const known = key ? accountOf(key, state.accountId) : undefined;
  if (known) return known;
  const session = state.sessions.get(accessKeyId);
  if (session) return session.accountId ?? state.accountId;
  // A snapshot of the foreign account itself would otherwise call every unknown key its own.
  return state.accountId === FOREIGN_ACCOUNT_ID ? '999999999998' : FOREIGN_ACCOUNT_ID;
}

/** A role that the snapshot of an account the sandbox serves holds; roles elsewhere are out of reach. */
function targetRole(
  state: SandboxState,
  roleArn: string,
): { role: RoleDetail; state: SandboxState } | undefined {
  const arn = parseArn(roleArn);
  if (arn?.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
  const account = state.accounts.get(arn.accountId);
  const role = account?.index.role(roleArn);
  return account && role ? { role, state: account } : undefined;
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
