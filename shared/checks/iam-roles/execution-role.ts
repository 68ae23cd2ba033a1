import type { DependencyState } from '../../graph/types.js';
import type { RoleDetail } from '../../snapshot/types.js';
import { unreadableOutcome } from '../dependencies.js';
import type { CheckContext, CheckOutcome } from '../types.js';

/** The application's service execution role, as far as the snapshot knows it. */
export type ExecutionRole =
  | { state: 'unset' }
  | { state: 'present'; arn: string; role: RoleDetail }
  | { state: Exclude<DependencyState, 'present'>; arn: string };

/** Resolves the application's ServiceExecutionRole through the dependency graph and the index. */
export function executionRole(context: CheckContext): ExecutionRole {
  const arn = context.application.ServiceExecutionRole;
  if (!arn) return { state: 'unset' };
  const node = context.graph.nodes.find(
    (candidate) => candidate.kind === 'iam-role' && candidate.arn === arn,
  );
  const role = context.index.role(arn);
  const state = node?.state ?? (role ? 'present' : 'missing');
  if (state === 'present' && role) return { state, arn, role };
  return { state: state === 'present' ? 'missing' : state, arn };
}

/**
 * What a check that judges the role's content reports when there is no role to judge: not set or
 * missing is NOT_APPLICABLE (role-exists reports it), unreadable or another account's is ERROR.
 */
export function unjudgedRoleOutcome(
  context: CheckContext,
  role: Exclude<ExecutionRole, { state: 'present' }>,
): CheckOutcome {
  const { ApplicationARN: applicationArn, ApplicationName: name } = context.application;
  switch (role.state) {
    case 'unset':
      return {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn,
        detail: `${name} has no service execution role; see role-exists.`,
      };
    case 'unreadable':
      return unreadableOutcome(context, role.arn);
    case 'external':
      return {
        status: 'ERROR',
        resourceArn: role.arn,
        detail: `The execution role ${role.arn} of ${name} belongs to another account, which this scan does not read; audit that account too.`,
      };
    default:
      return {
        status: 'NOT_APPLICABLE',
        resourceArn: role.arn,
        detail: `The execution role ${role.arn} of ${name} does not exist; see role-exists.`,
      };
  }
}
