/** Notify: turns alerts from the topic into chat webhook messages and delivers them. */
export { type AlertNotice, readAlertNotice } from './alert-notice.js';
export { buildChatMessage, type ChatMessage, WEBHOOK_FORMATS, type WebhookFormat } from './chat-message.js';
export { type ChatMessageOptions, DEFAULT_MAX_FINDINGS, MAX_FINDINGS_LIMIT } from './chat-presentation.js';
export { postWebhook, type WebhookDelivery, type WebhookPostOptions } from './post-webhook.js';
export { buildSlackMessage, type SlackMessage } from './slack-message.js';
export { buildTeamsMessage, type TeamsMessage } from './teams-message.js';
export {
  createWebhookUrlSource,
  describeLocation,
  type WebhookUrlLocation,
  type WebhookUrlSource,
} from './webhook-url.js';
