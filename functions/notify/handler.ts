import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createWebhookUrlSource } from '../../shared/notify/webhook-url.js';
import { readNotifyConfig } from './config.js';
import { createHandler } from './notify-handler.js';

// Cold start: the environment is validated once, here. Clients are built on first use, and the
// webhook URL is read on the first message, then cached for WEBHOOK_URL_CACHE_SECONDS.
const logger = new Logger({ serviceName: 'kda-auditor-notify' });
const config = readNotifyConfig(process.env);

let ssm: SSMClient | undefined;
let secretsManager: SecretsManagerClient | undefined;

/** The Lambda entry point (template.yaml: NotifyFunction, Handler handler.handler). */
export const handler = createHandler({
  config,
  logger,
  webhookUrl: createWebhookUrlSource({
    location: config.webhook,
    ttlMs: config.urlCacheMs,
    ssm: () => {
      ssm ??= new SSMClient({ region: config.region });
      return ssm;
    },
    secretsManager: () => {
      secretsManager ??= new SecretsManagerClient({ region: config.region });
      return secretsManager;
    },
  }),
});
