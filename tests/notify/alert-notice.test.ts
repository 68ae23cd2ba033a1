import { describe, expect, it } from 'vitest';
import { readAlertNotice } from '../../shared/notify/alert-notice.js';
import { alertPayload, sampleEvent } from './support/alert-builders.js';

describe('Function: readAlertNotice', () => {
  it.each([
    ['new-findings.json', 'NEW_FINDINGS'],
    ['score-drop.json', 'SCORE_DROP'],
    ['scan-failed.json', 'SCAN_FAILED'],
    ['scan-incomplete.json', 'SCAN_INCOMPLETE'],
    ['resolved.json', 'RESOLVED'],
  ])('returns the alert of events/notify/%s, whose eventType attribute it matches', (file, eventType) => {
    // Prepare
    const { Sns } = sampleEvent(file).Records[0] ?? { Sns: undefined };

    // Act
    const notice = readAlertNotice(Sns?.Message ?? '', Sns?.Subject);

    // Assess
    expect(notice).toEqual({ kind: 'alert', payload: JSON.parse(Sns?.Message ?? '') });
    expect([
      notice.kind === 'alert' && notice.payload.eventType,
      Sns?.MessageAttributes.eventType?.Value,
    ]).toEqual([eventType, eventType]);
  });

  it('returns the payload with the fields a newer scanner adds', () => {
    // Prepare
    const payload = { ...alertPayload(), htmlReportUrl: 'https://example.com/report.html' };

    // Act
    const notice = readAlertNotice(JSON.stringify(payload));

    // Assess
    expect(notice).toEqual({ kind: 'alert', payload });
  });

  it('returns the scan failure alarm as text, with its subject', () => {
    // Prepare
    const { Sns } = sampleEvent('scan-failure-alarm.json').Records[0] ?? { Sns: undefined };

    // Act
    const notice = readAlertNotice(Sns?.Message ?? '', Sns?.Subject);

    // Assess
    expect(notice).toEqual({
      kind: 'text',
      subject: 'ALARM: "kda-auditor-scan-errors" in EU (Ireland)',
      text: Sns?.Message,
    });
  });

  it.each([
    ['plain text', 'The scan is paused for maintenance tonight.'],
    ['JSON of another version', JSON.stringify({ ...alertPayload(), version: 2 })],
    ['JSON with an unknown event type', JSON.stringify({ ...alertPayload(), eventType: 'SOMETHING_ELSE' })],
    ['JSON that is not an object', '[1, 2, 3]'],
  ])('returns %s as text, without a subject when none was given', (_kind, message) => {
    // Act
    const notice = readAlertNotice(message, null);

    // Assess
    expect(notice).toEqual({ kind: 'text', text: message });
  });
});
