import type { AlertFinding, AlertPayload } from '../alert/alert-payload.js';
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
  SEVERITY_COLOUR,
  safeText,
} from './chat-presentation.js';

/** An Adaptive Card element this notifier uses. */
export type AdaptiveElement =
  | {
      type: 'TextBlock';
      text: string;
      wrap: true;
      size?: 'Large' | 'Small';
      weight?: 'Bolder';
      color?: string;
      fontType?: 'Monospace';
      isSubtle?: true;
    }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> }
  | { type: 'Container'; separator: true; items: AdaptiveElement[] };

/** The Adaptive Card (schema 1.4, which Teams renders in webhooks). */
export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.4';
  msteams: { width: 'Full' };
  body: AdaptiveElement[];
  actions?: Array<{ type: 'Action.OpenUrl'; title: string; url: string }>;
}

/** A Microsoft Teams webhook payload (Workflows "post to a channel when a webhook request is received"). */
export interface TeamsMessage {
  type: 'message';
  attachments: [
    { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard },
  ];
}

// Teams rejects messages over about 28 KB; keep a margin for the HTTP envelope.
/** The largest Teams payload built, in UTF-8 bytes of its JSON. */
export const TEAMS_MAX_PAYLOAD_BYTES = 27_000;
const MAX_TEXT_CHARACTERS = 3_000;

/** Builds the Teams message for an alert or a forwarded text; findings that do not fit are counted instead. */
export function buildTeamsMessage(notice: AlertNotice, options: ChatMessageOptions = {}): TeamsMessage {
  if (notice.kind === 'text') return textMessage(notice.subject, notice.text);
  const { maxFindings, reportRegion } = resolveChatOptions(options);
  const { findings, more } = quotedFindings(notice.payload, maxFindings);
  for (let quoted = findings.length; ; quoted -= 1) {
    const message = alertMessage(
      notice.payload,
      findings.slice(0, quoted),
      more + findings.length - quoted,
      reportRegion,
    );
    if (quoted === 0 || bytes(message) <= TEAMS_MAX_PAYLOAD_BYTES) return message;
  }
}

function alertMessage(
  payload: AlertPayload,
  findings: readonly AlertFinding[],
  more: number,
  reportRegion: string | undefined,
): TeamsMessage {
  const body: AdaptiveElement[] = [
    {
      type: 'TextBlock',
      text: `${alertEmoji(payload)} ${alertTitle(payload)}`,
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
      color: payload.eventType === 'RESOLVED' ? 'good' : SEVERITY_COLOUR[payload.severity],
    },
    textBlock(safeText(payload.summary)),
    {
      type: 'FactSet',
      facts: alertFacts(payload).map(({ title, value }) => ({ title, value: safeText(value) })),
    },
    ...findings.map(findingContainer),
  ];
  if (more > 0) {
    body.push({
      ...textBlock(`… and ${more} more ${more === 1 ? 'finding' : 'findings'}: see the full report.`),
      isSubtle: true,
    });
  }
  const link = reportLink(payload.reportLocation, reportRegion);
  if (payload.reportLocation && !link) body.push(textBlock(`Full report: ${payload.reportLocation}`));
  return envelope({
    ...card(body),
    ...(link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the full report', url: link }] } : {}),
  });
}

function findingContainer(finding: AlertFinding): AdaptiveElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      { ...textBlock(findingHeading(finding)), weight: 'Bolder', color: SEVERITY_COLOUR[finding.severity] },
      { ...textBlock(finding.resourceArn), fontType: 'Monospace', size: 'Small' },
      textBlock(safeText(finding.detail)),
    ],
  };
}

function textMessage(subject: string | undefined, text: string): TeamsMessage {
  const body = clip(safeText(readableText(text)), MAX_TEXT_CHARACTERS);
  return envelope(
    card([
      {
        ...textBlock(`⚠️ kda-auditor topic: ${safeText(subject ?? 'message')}`),
        size: 'Large',
        weight: 'Bolder',
        color: 'warning',
      },
      { ...textBlock(body), fontType: 'Monospace' },
    ]),
  );
}

function textBlock(text: string): Extract<AdaptiveElement, { type: 'TextBlock' }> {
  return { type: 'TextBlock', text: clip(text, MAX_TEXT_CHARACTERS), wrap: true };
}

function card(body: AdaptiveElement[]): AdaptiveCard {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
  };
}

function envelope(content: AdaptiveCard): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}

function bytes(message: TeamsMessage): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}
