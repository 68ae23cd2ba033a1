import { describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../shared/alert/alert-payload.js';
import { buildTeamsMessage, TEAMS_MAX_PAYLOAD_BYTES } from '../../shared/notify/teams-message.js';
import { alertFinding, alertPayload } from './support/alert-builders.js';

const alert = (overrides: Partial<AlertPayload> = {}) => ({
  kind: 'alert' as const,
  payload: alertPayload(overrides),
});

const CARD = {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.4',
  msteams: { width: 'Full' },
} as const;

describe('Function: buildTeamsMessage', () => {
  it('returns an Adaptive Card with the title, summary, facts, findings and a button to the report', () => {
    // Act
    const message = buildTeamsMessage(alert(), { reportRegion: 'eu-west-1' });

    // Assess
    expect(message).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            ...CARD,
            body: [
              {
                type: 'TextBlock',
                text: '🟠 kda-auditor: New findings in legacy-sessionizer',
                wrap: true,
                size: 'Large',
                weight: 'Bolder',
                color: 'attention',
              },
              {
                type: 'TextBlock',
                text: 'kda-auditor found 1 new high finding in legacy-sessionizer (eu-west-1).',
                wrap: true,
              },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Account', value: '111122223333' },
                  { title: 'Application', value: 'legacy-sessionizer' },
                  { title: 'Region', value: 'eu-west-1' },
                  { title: 'Score', value: '62/100 (grade D), was 85/100' },
                  { title: 'Severity', value: 'high' },
                  { title: 'Scan', value: '20261129T020000Z-5f3a9c1e' },
                ],
              },
              {
                type: 'Container',
                separator: true,
                items: [
                  {
                    type: 'TextBlock',
                    text: '[HIGH] Kinesis data streams are encrypted at rest with KMS (NEW)',
                    wrap: true,
                    weight: 'Bolder',
                    color: 'attention',
                  },
                  {
                    type: 'TextBlock',
                    text: 'arn:aws:kinesis:eu-west-1:111122223333:stream/sessions-in',
                    wrap: true,
                    fontType: 'Monospace',
                    size: 'Small',
                  },
                  {
                    type: 'TextBlock',
                    text: 'Kinesis data stream sessions-in: server-side encryption is off (EncryptionType NONE).',
                    wrap: true,
                  },
                ],
              },
            ],
            actions: [
              {
                type: 'Action.OpenUrl',
                title: 'Open the full report',
                url: 'https://eu-west-1.console.aws.amazon.com/s3/object/kda-reports?region=eu-west-1&prefix=reports%2F111122223333%2F2026%2F11%2F29%2F20261129T020000Z-5f3a9c1e.json',
              },
            ],
          },
        },
      ],
    });
  });

  it.each([
    [{ eventType: 'RESOLVED' }, 'good'],
    [{ severity: 'critical' }, 'attention'],
    [{ severity: 'medium' }, 'warning'],
    [{ severity: 'low' }, 'accent'],
    [{ severity: 'info' }, 'default'],
  ] as const)('returns the title of %j in colour %s', (overrides, colour) => {
    // Act
    const message = buildTeamsMessage(alert(overrides));

    // Assess
    expect(message.attachments[0].content.body[0]).toMatchObject({ type: 'TextBlock', color: colour });
  });

  it('returns the report URI as text, and no button, when the report region is unknown', () => {
    // Act
    const message = buildTeamsMessage(alert({ findings: [] }));

    // Assess
    const { body, actions } = message.attachments[0].content;
    expect({ last: body.at(-1), actions }).toEqual({
      last: {
        type: 'TextBlock',
        text: 'Full report: s3://kda-reports/reports/111122223333/2026/11/29/20261129T020000Z-5f3a9c1e.json',
        wrap: true,
      },
      actions: undefined,
    });
  });

  it('returns only the findings that fit in 27,000 bytes, counting the others', () => {
    // Prepare
    const findings = Array.from({ length: 40 }, (_, index) =>
      alertFinding({ title: `Finding ${index}`, detail: `${index} ${'d'.repeat(2_000)}` }),
    );

    // Act
    const message = buildTeamsMessage(alert({ findings, moreFindings: 3 }), { maxFindings: 40 });

    // Assess
    const body = message.attachments[0].content.body;
    const quoted = body.filter((element) => element.type === 'Container').length;
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(TEAMS_MAX_PAYLOAD_BYTES);
    expect({ quoted, more: body.at(-2) }).toEqual({
      quoted: 11,
      more: {
        type: 'TextBlock',
        text: `… and ${40 - 11 + 3} more findings: see the full report.`,
        wrap: true,
        isSubtle: true,
      },
    });
  });

  it('returns a forwarded text in monospace under its subject, access key ids masked', () => {
    // Act
    const message = buildTeamsMessage({
      kind: 'text',
      subject: 'Heads up',
      text: 'key AKIAIOSFODNN7EXAMPLE',
    });

    // Assess
    expect(message).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            ...CARD,
            body: [
              {
                type: 'TextBlock',
                text: '⚠️ kda-auditor topic: Heads up',
                wrap: true,
                size: 'Large',
                weight: 'Bolder',
                color: 'warning',
              },
              { type: 'TextBlock', text: 'key AKIA************MPLE', wrap: true, fontType: 'Monospace' },
            ],
          },
        },
      ],
    });
  });
});
