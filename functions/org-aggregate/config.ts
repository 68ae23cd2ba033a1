import * as z from 'zod';
import type { Severity } from '../../shared/checks/types.js';
import { parseEnvironment, SHARED_ENVIRONMENT } from '../scan/config.js';

/** The organisation aggregation function's settings, read once from its environment at cold start. */
export interface OrgAggregateConfig {
  /** The function's own region: the report bucket lives here. */
  region: string;
  reportBucket: string;
  reportPrefix: string;
  /** Absent: the organisation report is written, no alert is sent. */
  topicArn?: string;
  alertThreshold: Severity;
  /** Points a target's score must drop by to alert. */
  scoreDrop: number;
}

const environmentSchema = z.object({
  AWS_REGION: SHARED_ENVIRONMENT.AWS_REGION,
  REPORT_BUCKET: SHARED_ENVIRONMENT.REPORT_BUCKET,
  REPORT_PREFIX: SHARED_ENVIRONMENT.REPORT_PREFIX,
  TOPIC_ARN: SHARED_ENVIRONMENT.TOPIC_ARN,
  ALERT_THRESHOLD: SHARED_ENVIRONMENT.ALERT_THRESHOLD,
  SCORE_DROP_THRESHOLD: SHARED_ENVIRONMENT.SCORE_DROP_THRESHOLD,
});

/** Reads and validates the function's environment; throws ConfigurationError naming every variable at fault. */
export function readOrgAggregateConfig(env: Record<string, string | undefined>): OrgAggregateConfig {
  const data = parseEnvironment(environmentSchema, env);
  return {
    region: data.AWS_REGION,
    reportBucket: data.REPORT_BUCKET,
    reportPrefix: data.REPORT_PREFIX,
    ...(data.TOPIC_ARN ? { topicArn: data.TOPIC_ARN } : {}),
    alertThreshold: data.ALERT_THRESHOLD,
    scoreDrop: data.SCORE_DROP_THRESHOLD,
  };
}
