import * as z from 'zod';
import { ConfigurationError } from '../../shared/errors.js';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../../shared/notify/chat-message.js';
import { DEFAULT_MAX_FINDINGS, MAX_FINDINGS_LIMIT } from '../../shared/notify/chat-presentation.js';
import type { WebhookUrlLocation } from '../../shared/notify/webhook-url.js';
import { REGION_PATTERN } from '../../shared/request/scan-request.js';

/** The notify function's settings, read once from its environment at cold start. */
export interface NotifyConfig {
  /** The function's own region: the report bucket's too (same stack), for report links. */
  region: string;
  /** Where the webhook URL is stored; never the URL itself. */
  webhook: WebhookUrlLocation;
  format: WebhookFormat;
  maxFindings: number;
  /** Per POST attempt. */
  timeoutMs: number;
  maxAttempts: number;
  /** How long a warm container reuses the URL it read. */
  urlCacheMs: number;
}

// SSM parameter names: letters, digits and _.-/ ; a path starts with a slash.
const PARAMETER_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;

const optional = (schema: z.ZodString) => schema.optional().or(z.literal('').transform(() => undefined));

const environmentSchema = z
  .object({
    AWS_REGION: z
      .string({ error: 'is not set (the Lambda runtime sets it; set it when running elsewhere)' })
      .regex(REGION_PATTERN, 'must be a region name such as eu-west-1'),
    WEBHOOK_PARAMETER: optional(
      z.string().regex(PARAMETER_NAME, 'must be an SSM parameter name such as /kda-auditor/webhook-url'),
    ),
    WEBHOOK_SECRET_ARN: optional(
      z
        .string()
        .regex(SECRET_ARN, 'must be a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…)'),
    ),
    WEBHOOK_FORMAT: z
      .enum(WEBHOOK_FORMATS, { error: `must be one of ${WEBHOOK_FORMATS.join(', ')}` })
      .default('slack'),
    NOTIFY_MAX_FINDINGS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(MAX_FINDINGS_LIMIT, `must be at most ${MAX_FINDINGS_LIMIT} (Slack allows 50 blocks)`)
      .default(DEFAULT_MAX_FINDINGS),
    WEBHOOK_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100')
      .max(30_000, 'must be at most 30000')
      .default(5_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10')
      .default(4),
    WEBHOOK_URL_CACHE_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be 0 or more')
      .max(3_600, 'must be at most 3600')
      .default(300),
  })
  .refine((env) => Boolean(env.WEBHOOK_PARAMETER) !== Boolean(env.WEBHOOK_SECRET_ARN), {
    error:
      'set exactly one of WEBHOOK_PARAMETER (an SSM SecureString parameter name) and WEBHOOK_SECRET_ARN (a Secrets Manager secret ARN) holding the webhook URL',
  });

/** Reads and validates the function's environment; throws ConfigurationError naming every variable at fault. */
export function readNotifyConfig(env: Record<string, string | undefined>): NotifyConfig {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigurationError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  const data = result.data;
  return {
    region: data.AWS_REGION,
    webhook: data.WEBHOOK_PARAMETER
      ? { kind: 'parameter', name: data.WEBHOOK_PARAMETER }
      : { kind: 'secret', arn: data.WEBHOOK_SECRET_ARN ?? '' },
    format: data.WEBHOOK_FORMAT,
    maxFindings: data.NOTIFY_MAX_FINDINGS,
    timeoutMs: data.WEBHOOK_TIMEOUT_MS,
    maxAttempts: data.WEBHOOK_MAX_ATTEMPTS,
    urlCacheMs: data.WEBHOOK_URL_CACHE_SECONDS * 1000,
  };
}
