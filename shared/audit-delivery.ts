import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';
import { parseArn } from './arn.js';
import type { AuditOutputs, SnapshotSource } from './audit.js';
import type { CallGovernor } from './aws/governor.js';
import { SEVERITIES } from './checks/types.js';
import { InvalidRequestError } from './errors.js';
import type { ReportTarget } from './publish/write-report.js';

/** The clients and targets an audit delivers to; each part absent when its output is not set. */
export interface AuditDelivery {
  report?: { s3: S3Client; target: ReportTarget };
  /** `governor`: the live scan's, so publishes keep its configured rates and share its SNS bucket. */
  alert?: { sns: SNSClient; topicArn: string; governor?: CallGovernor };
  securityHub?: { client: SecurityHubClient; region: string };
}

/**
 * Checks the outputs and builds their clients before anything is collected, so a misconfigured
 * Lambda fails in seconds with every problem listed (InvalidRequestError), not after a long scan.
 */
export function auditDelivery(source: SnapshotSource, outputs: AuditOutputs): AuditDelivery {
  const clients = outputs.clients ?? (source.kind === 'live' ? source.clients : undefined);
  const { reportBucket, reportPrefix, topicArn, region } = outputs;
  const topic = topicArn ? parseArn(topicArn) : undefined;
  const problems: string[] = [];
  if ((reportBucket || topicArn || outputs.securityHub) && !clients) {
    problems.push(
      'outputs.clients is required to write reports, send alerts or export findings from a snapshot audit',
    );
  }
  if (reportBucket && !region)
    problems.push(`outputs.region (the region of bucket ${reportBucket}) is required`);
  if (outputs.securityHub && !region)
    problems.push('outputs.region (where Security Hub receives findings) is required');
  if (topicArn && (topic?.service !== 'sns' || !topic.region)) {
    problems.push(`topicArn "${topicArn}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`);
  }
  if (outputs.alertThreshold && !SEVERITIES.includes(outputs.alertThreshold)) {
    problems.push(`alertThreshold must be one of ${SEVERITIES.join(', ')}, not "${outputs.alertThreshold}"`);
  }
  if (outputs.scoreDrop !== undefined && !(Number.isInteger(outputs.scoreDrop) && outputs.scoreDrop >= 1)) {
    problems.push(`scoreDrop must be a whole number of points, 1 or more, not ${outputs.scoreDrop}`);
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return {
    ...(clients && reportBucket && region
      ? { report: { s3: clients.s3(region), target: { bucket: reportBucket, prefix: reportPrefix ?? '' } } }
      : {}),
    ...(clients && topicArn && topic
      ? {
          alert: {
            sns: clients.sns(topic.region),
            topicArn,
            ...(source.kind === 'live' && source.governor ? { governor: source.governor } : {}),
          },
        }
      : {}),
    ...(clients && outputs.securityHub && region
      ? { securityHub: { client: clients.securityHub(region), region } }
      : {}),
  };
}
