import { logGroupArn } from '../../shared/arn.js';
import type { LogGroupDetail } from '../../shared/snapshot/types.js';
import { paginate } from '../state.js';
import { AwsServiceError, type JsonService } from '../types.js';
import { optionalString } from './json-input.js';
import { guard, regionSection } from './lookups.js';

// DescribeLogGroups' limit maximum, and its page size when none is asked for.
const MAX_LOG_GROUPS = 50;

/** Amazon CloudWatch Logs: log groups as DescribeLogGroups returns them. */
export const logsService: JsonService = {
  signingName: 'logs',
  targetPrefixes: ['Logs_20140328'],
  operations: {
    DescribeLogGroups(input, context) {
      const prefix = optionalString(input, 'logGroupNamePrefix');
      const pattern = optionalString(input, 'logGroupNamePattern');
      if (prefix !== undefined && pattern !== undefined) {
        throw new AwsServiceError(
          'InvalidParameterException',
          'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
        );
      }
      // The collector looks a group up by its exact name as prefix and records it under its ARN.
      const { partition, accountId } = context.state;
      const resource =
        prefix === undefined ? undefined : logGroupArn(partition, context.region, accountId, prefix);
      guard(context, 'logs:DescribeLogGroups', resource);
      const identifiers = Array.isArray(input.logGroupIdentifiers)
        ? input.logGroupIdentifiers.filter(
            (identifier): identifier is string => typeof identifier === 'string',
          )
        : undefined;
      // A read by names fails as a whole when any group named is one the account denies.
      for (const identifier of identifiers ?? []) {
        if (!identifier.startsWith('arn:')) {
          guard(
            context,
            'logs:DescribeLogGroups',
            logGroupArn(partition, context.region, accountId, identifier),
          );
        }
      }
      const groups = [...(regionSection(context).logGroups ?? [])]
        .sort((a, b) => compareAscii(a.logGroupName, b.logGroupName))
        .filter((group) => prefix === undefined || group.logGroupName.startsWith(prefix))
        .filter((group) => pattern === undefined || group.logGroupName.includes(pattern))
        .filter((group) => !identifiers || identifiers.some((identifier) => identifies(identifier, group)));
      const page = paginate(groups, {
        token: input.nextToken,
        limit: input.limit,
        defaultLimit: MAX_LOG_GROUPS,
        state: context.state,
        invalidTokenCode: 'InvalidParameterException',
      });
      return {
        // A pattern search answers with the name, ARN and creation time only.
        logGroups:
          pattern === undefined
            ? page.items
            : page.items.map(({ logGroupName, arn, creationTime }) => ({ logGroupName, arn, creationTime })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  },
};

// The results are ASCII-sorted by name, which localeCompare is not.
function compareAscii(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Whether a logGroupIdentifiers entry (a name, or an ARN with or without `:*`) names the group. */
function identifies(identifier: string, group: LogGroupDetail): boolean {
  if (!identifier.startsWith('arn:')) return identifier === group.logGroupName;
  const bare = identifier.replace(/:\*$/, '');
  return bare === group.logGroupArn || `${bare}:*` === group.arn;
}
