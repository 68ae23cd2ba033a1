import { describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../shared/alert/alert-payload.js';
import { buildSlackMessage, SLACK_LIMITS } from '../../shared/notify/slack-message.js';
import { alertFinding, alertPayload } from './support/alert-builders.js';

const REPORT_LINK =
  'https://eu-west-1.console.aws.amazon.com/s3/object/kda-reports?region=eu-west-1&prefix=reports%2F111122223333%2F2026%2F11%2F29%2F20261129T020000Z-5f3a9c1e.json';

const alert = (overrides: Partial<AlertPayload> = {}) => ({
  kind: 'alert' as const,
  payload: alertPayload(overrides),
});

describe('Function: buildSlackMessage', () => {
  it('returns the header, summary, facts, findings and report link of an alert', () => {
    // Act
    const message = buildSlackMessage(alert(), { reportRegion: 'eu-west-1' });

    // Assess
    expect(message).toEqual({
      text: '🟠 kda-auditor: New findings in legacy-sessionizer: kda-auditor found 1 new high finding in legacy-sessionizer (eu-west-1).',
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: '🟠 kda-auditor: New findings in legacy-sessionizer' },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'kda-auditor found 1 new high finding in legacy-sessionizer (eu-west-1).',
          },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Account*\n111122223333' },
            { type: 'mrkdwn', text: '*Application*\nlegacy-sessionizer' },
            { type: 'mrkdwn', text: '*Region*\neu-west-1' },
            { type: 'mrkdwn', text: '*Score*\n62/100 (grade D), was 85/100' },
            { type: 'mrkdwn', text: '*Severity*\nhigh' },
            { type: 'mrkdwn', text: '*Scan*\n20261129T020000Z-5f3a9c1e' },
          ],
        },
        { type: 'divider' },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*[HIGH] Kinesis data streams are encrypted at rest with KMS (NEW)*\n`arn:aws:kinesis:eu-west-1:111122223333:stream/sessions-in`\nKinesis data stream sessions-in: server-side encryption is off (EncryptionType NONE).',
          },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `<${REPORT_LINK}|Open the full report>  \`s3://kda-reports/reports/111122223333/2026/11/29/20261129T020000Z-5f3a9c1e.json\``,
          },
        },
      ],
    });
  });

  it.each([
    [
      { eventType: 'RESOLVED', findings: [alertFinding()] },
      '✅ kda-auditor: Findings resolved in legacy-sessionizer',
    ],
    [
      { eventType: 'SCORE_DROP', severity: 'critical' },
      '🔴 kda-auditor: Score dropped in legacy-sessionizer',
    ],
    [
      { eventType: 'SCAN_INCOMPLETE', severity: 'medium' },
      '🟡 kda-auditor: Scan incomplete in legacy-sessionizer',
    ],
    [
      { eventType: 'SCAN_FAILED', application: undefined, region: undefined, findings: [] },
      '🟠 kda-auditor: Scan failed in account 111122223333',
    ],
  ] satisfies Array<[Partial<AlertPayload>, string]>)('returns the header of %j', (overrides, header) => {
    // Act
    const message = buildSlackMessage(alert(overrides));

    // Assess
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: header } });
  });

  it('returns "not scored" and no link when the alert has no score and the report region is unknown', () => {
    // Act
    const message = buildSlackMessage(alert({ score: null, previousScore: undefined, grade: null }));

    // Assess
    expect([message.blocks[2], message.blocks.at(-1)]).toEqual([
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Account*\n111122223333' },
          { type: 'mrkdwn', text: '*Application*\nlegacy-sessionizer' },
          { type: 'mrkdwn', text: '*Region*\neu-west-1' },
          { type: 'mrkdwn', text: '*Score*\nnot scored' },
          { type: 'mrkdwn', text: '*Severity*\nhigh' },
          { type: 'mrkdwn', text: '*Scan*\n20261129T020000Z-5f3a9c1e' },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Full report: `s3://kda-reports/reports/111122223333/2026/11/29/20261129T020000Z-5f3a9c1e.json`',
        },
      },
    ]);
  });

  it('returns at most 40 findings within 50 blocks, counting the rest with those the alert left out', () => {
    // Prepare
    const findings = Array.from({ length: 60 }, (_, index) => alertFinding({ title: `Finding ${index}` }));

    // Act
    const message = buildSlackMessage(alert({ findings, moreFindings: 5 }), { maxFindings: 100 });

    // Assess
    expect({
      blocks: message.blocks.length,
      findings: message.blocks.filter(
        (block) => block.type === 'section' && block.text?.text.startsWith('*[HIGH]'),
      ).length,
      more: message.blocks.find((block) => block.type === 'context'),
    }).toEqual({
      blocks: 46,
      findings: 40,
      more: {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '… and 25 more findings: see the full report.' }],
      },
    });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  });

  it('returns finding text escaped for mrkdwn, access key ids masked and cut to 3,000 characters', () => {
    // Prepare
    const detail = `<!channel> keys & more: AKIAIOSFODNN7EXAMPLE ${'x'.repeat(5_000)}`;

    // Act
    const message = buildSlackMessage(alert({ findings: [alertFinding({ detail })] }));

    // Assess
    const text = message.blocks.find(
      (block) => block.type === 'section' && block.text?.text.startsWith('*['),
    );
    expect(text).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${`*[HIGH] Kinesis data streams are encrypted at rest with KMS*\n\`arn:aws:kinesis:eu-west-1:111122223333:stream/sessions-in\`\n&lt;!channel&gt; keys &amp; more: AKIA************MPLE ${'x'.repeat(5_000)}`.slice(0, 2_999)}…`,
      },
    });
  });

  it('returns a forwarded text in a code block under its subject, pretty-printed when JSON', () => {
    // Act
    const message = buildSlackMessage({
      kind: 'text',
      subject: 'ALARM: "kda-auditor-scan-errors" in EU (Ireland)',
      text: '{"AlarmName":"kda-auditor-scan-errors","NewStateValue":"ALARM"}',
    });

    // Assess
    const body = '{\n  "AlarmName": "kda-auditor-scan-errors",\n  "NewStateValue": "ALARM"\n}';
    expect(message).toEqual({
      text: `⚠️ kda-auditor topic: ALARM: "kda-auditor-scan-errors" in EU (Ireland)\n${body}`,
      blocks: [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: '⚠️ kda-auditor topic: ALARM: "kda-auditor-scan-errors" in EU (Ireland)',
          },
        },
        { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`\n${body}\n\`\`\`` } },
      ],
    });
  });

  it('returns a forwarded plain text with access key ids masked, under a generic title', () => {
    // Act
    const message = buildSlackMessage({ kind: 'text', text: 'leaked AKIAIOSFODNN7EXAMPLE' });

    // Assess
    expect(message).toEqual({
      text: '⚠️ kda-auditor topic: message\nleaked AKIA************MPLE',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '⚠️ kda-auditor topic: message' } },
        { type: 'section', text: { type: 'mrkdwn', text: '```\nleaked AKIA************MPLE\n```' } },
      ],
    });
  });

  it('returns a forwarded text escaped for mrkdwn, so it cannot mention the channel', () => {
    // Act
    const message = buildSlackMessage({ kind: 'text', subject: 'Hi <!here>', text: '<!channel> a & b' });

    // Assess
    expect(message).toEqual({
      text: '⚠️ kda-auditor topic: Hi &lt;!here&gt;\n&lt;!channel&gt; a &amp; b',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '⚠️ kda-auditor topic: Hi <!here>' } },
        { type: 'section', text: { type: 'mrkdwn', text: '```\n&lt;!channel&gt; a &amp; b\n```' } },
      ],
    });
  });

  it('returns no summary section for an alert whose summary is empty', () => {
    // Act
    const message = buildSlackMessage(alert({ summary: '', findings: [], reportLocation: undefined }));

    // Assess
    expect(message.blocks.map((block) => block.type)).toEqual(['header', 'section']);
    expect(message.blocks[1]).toMatchObject({ type: 'section', fields: expect.any(Array) });
  });
});
