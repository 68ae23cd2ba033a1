import {
  type AdvancedEventSelector,
  CreateTrailCommand,
  type EventSelector,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { LogGroupDetail, TrailDetail } from '../../shared/snapshot/types.js';

/**
 * Creates the trails whose home is `region` (CreateTrail, StartLogging when the snapshot's status
 * says it logs, PutEventSelectors with its basic or advanced selectors). Their log buckets must
 * exist: CreateTrail refuses a missing one.
 */
export async function seedTrails(
  clients: ClientFactory,
  region: string,
  trails: readonly TrailDetail[],
): Promise<void> {
  const cloudTrail = clients.cloudTrail(region);
  for (const trail of trails) {
    await cloudTrail.send(
      new CreateTrailCommand({
        Name: trail.Name,
        S3BucketName: trail.S3BucketName,
        ...(typeof trail.S3KeyPrefix === 'string' ? { S3KeyPrefix: trail.S3KeyPrefix } : {}),
        IncludeGlobalServiceEvents: trail.IncludeGlobalServiceEvents,
        IsMultiRegionTrail: trail.IsMultiRegionTrail,
        EnableLogFileValidation: trail.LogFileValidationEnabled,
        ...(trail.KmsKeyId ? { KmsKeyId: trail.KmsKeyId } : {}),
      }),
    );
    if (trail.Status?.IsLogging) await cloudTrail.send(new StartLoggingCommand({ Name: trail.Name }));
    const selectors = trail.EventSelectors;
    if (selectors?.AdvancedEventSelectors?.length) {
      await cloudTrail.send(
        new PutEventSelectorsCommand({
          TrailName: trail.Name,
          // Safe: GetEventSelectors' own shape, which PutEventSelectors takes back.
          AdvancedEventSelectors: selectors.AdvancedEventSelectors as AdvancedEventSelector[],
        }),
      );
    } else if (selectors?.EventSelectors?.length) {
      await cloudTrail.send(
        new PutEventSelectorsCommand({
          TrailName: trail.Name,
          EventSelectors: selectors.EventSelectors as EventSelector[],
        }),
      );
    }
  }
}

/** Creates a region's CloudWatch Logs log groups (CreateLogGroup, PutRetentionPolicy). */
export async function seedLogGroups(
  clients: ClientFactory,
  region: string,
  groups: readonly LogGroupDetail[],
): Promise<void> {
  const logs = clients.logs(region);
  await Promise.all(
    groups.map(async (group) => {
      await logs.send(
        new CreateLogGroupCommand({
          logGroupName: group.logGroupName,
          ...(group.kmsKeyId ? { kmsKeyId: group.kmsKeyId } : {}),
        }),
      );
      if (group.retentionInDays) {
        await logs.send(
          new PutRetentionPolicyCommand({
            logGroupName: group.logGroupName,
            retentionInDays: group.retentionInDays,
          }),
        );
      }
    }),
  );
}
