import type { AlertNotice } from './alert-notice.js';
import type { ChatMessageOptions } from './chat-presentation.js';
import { buildSlackMessage, type SlackMessage } from './slack-message.js';
import { buildTeamsMessage, type TeamsMessage } from './teams-message.js';

/** The webhook payload formats the notifier speaks (WEBHOOK_FORMAT). */
export const WEBHOOK_FORMATS = ['slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A payload ready to POST as JSON to a chat webhook. */
export type ChatMessage = SlackMessage | TeamsMessage;

/** Builds the chat payload of a notice in the webhook's format. */
export function buildChatMessage(
  format: WebhookFormat,
  notice: AlertNotice,
  options: ChatMessageOptions = {},
): ChatMessage {
  return format === 'teams' ? buildTeamsMessage(notice, options) : buildSlackMessage(notice, options);
}
