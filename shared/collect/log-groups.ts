import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroupDetail } from '../snapshot/types.js';
import { callAwsPages, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

/**
 * A CloudWatch Logs log group by exact name. DescribeLogGroups only filters by prefix, so pages
 * are read until the exact match appears; undefined when there is none or the read failed.
 */
export async function readLogGroup(
  context: ScanContext,
  region: string,
  name: string,
  groupArn: string,
): Promise<LogGroupDetail | undefined> {
  const logs = context.clients.logs(region);
  const pages = await callAwsPages(
    context,
    { operation: 'logs:DescribeLogGroups', region, resource: groupArn },
    (token) => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken: token })),
    (page) => page.nextToken,
    (page) => (page.logGroups ?? []).some((candidate) => candidate.logGroupName === name),
  );
  if (pages.status !== 'ok') return undefined;
  const group = pages.value
    .flatMap((page) => page.logGroups ?? [])
    .find((candidate) => candidate.logGroupName === name);
  return group ? (snapshotShape(group) as LogGroupDetail) : undefined; // Safe: name matched above.
}
