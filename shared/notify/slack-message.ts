import type { AlertFinding } from '../alert/alert-payload.js';
import type { AlertNotice } from './alert-notice.js';
import {
  alertEmoji,
  alertFacts,
  alertTitle,
  type ChatMessageOptions,
  clip,
  findingHeading,
  quotedFindings,
  readableText,
  reportLink,
  resolveChatOptions,
  safeText,
} from './chat-presentation.js';

/** A Slack Block Kit text object. */
export interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}

/** The Block Kit blocks this notifier sends. */
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

/** A Slack incoming webhook payload: `text` is the notification fallback, `blocks` the message. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

// Slack's documented limits (Block Kit reference): https://api.slack.com/reference/block-kit/blocks
/** Slack's own limits on one message. */
export const SLACK_LIMITS = {
  text: 40_000,
  blocks: 50,
  headerText: 150,
  sectionText: 3_000,
  fieldText: 2_000,
  fields: 10,
} as const;

/** Builds the Slack message for an alert or a forwarded text, within Slack's limits. */
export function buildSlackMessage(notice: AlertNotice, options: ChatMessageOptions = {}): SlackMessage {
  return notice.kind === 'alert' ? alertMessage(notice, options) : textMessage(notice);
}

function alertMessage(
  { payload }: Extract<AlertNotice, { kind: 'alert' }>,
  options: ChatMessageOptions,
): SlackMessage {
  const { maxFindings, reportRegion } = resolveChatOptions(options);
  const title = `${alertEmoji(payload)} ${alertTitle(payload)}`;
  const summary = safeText(payload.summary);
  const { findings, more } = quotedFindings(payload, maxFindings);
  const link = reportLink(payload.reportLocation, reportRegion);

  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(clip(title, SLACK_LIMITS.headerText)) },
    // Slack refuses a section with empty text.
    ...(summary.trim() ? [section(escapeMrkdwn(summary))] : []),
    {
      type: 'section',
      fields: alertFacts(payload)
        .slice(0, SLACK_LIMITS.fields)
        .map(({ title: name, value }) =>
          mrkdwn(clip(`*${name}*\n${escapeMrkdwn(safeText(value))}`, SLACK_LIMITS.fieldText)),
        ),
    },
  ];
  if (findings.length > 0) blocks.push({ type: 'divider' }, ...findings.map(findingSection));
  if (more > 0)
    blocks.push(context(`… and ${more} more ${more === 1 ? 'finding' : 'findings'}: see the full report.`));
  if (payload.reportLocation) {
    const location = escapeMrkdwn(payload.reportLocation);
    blocks.push(
      section(link ? `<${link}|Open the full report>  \`${location}\`` : `Full report: \`${location}\``),
    );
  }
  return {
    text: clip(escapeMrkdwn(`${title}: ${summary}`), SLACK_LIMITS.text),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}

function textMessage({ subject, text }: Extract<AlertNotice, { kind: 'text' }>): SlackMessage {
  const title = `⚠️ kda-auditor topic: ${safeText(subject ?? 'message')}`;
  const body = escapeMrkdwn(safeText(readableText(text)));
  // The fence costs 8 characters of the section's 3,000.
  const quoted = `\`\`\`\n${clip(body.replaceAll('```', "'''"), SLACK_LIMITS.sectionText - 8)}\n\`\`\``;
  return {
    text: clip(`${escapeMrkdwn(title)}\n${body}`, SLACK_LIMITS.text),
    blocks: [{ type: 'header', text: plain(clip(title, SLACK_LIMITS.headerText)) }, section(quoted)],
  };
}

function findingSection(finding: AlertFinding): SlackBlock {
  const text = [
    `*${escapeMrkdwn(findingHeading(finding))}*`,
    `\`${escapeMrkdwn(finding.resourceArn)}\``,
    escapeMrkdwn(safeText(finding.detail)),
  ].join('\n');
  return section(text);
}

function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(clip(text, SLACK_LIMITS.sectionText)) };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function plain(text: string): SlackText {
  return { type: 'plain_text', text };
}

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text };
}

// Slack reads <…> as links and mentions (<!channel>): text from findings must never trigger one.
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
