import { describe, expect, it } from 'vitest';
import { severityChart, sparkline } from '../../../shared/report/html/charts.js';
import { elementTexts, tagAttributes } from '../../support/html-report-fixtures.js';

describe('Function: severityChart', () => {
  it('returns one labelled bar per severity, longest for the largest count, a sliver for zero', () => {
    // Act
    const chart = String(severityChart({ critical: 2, high: 4, medium: 1, low: 0, info: 0 }, 'chart'));

    // Assess
    expect(tagAttributes(chart, 'rect').map((bar) => [bar.y, bar.width, bar.fill])).toEqual([
      ['0', '130', '#9b1c1c'],
      ['30', '260', '#a33a00'],
      ['60', '65', '#765000'],
      ['90', '2', '#1d4f91'],
      ['120', '2', '#4a4a4a'],
    ]);
    expect(elementTexts(chart, 'title')).toEqual([
      'Failing findings by severity: 2 critical, 4 high, 1 medium, 0 low, 0 info',
      '2 failing critical findings',
      '4 failing high findings',
      '1 failing medium finding',
      '0 failing low findings',
      '0 failing info findings',
    ]);
    expect(elementTexts(chart, 'figcaption')).toEqual(['7 failing findings by severity']);
    expect(tagAttributes(chart, 'svg')).toEqual([
      {
        id: 'chart',
        role: 'img',
        'aria-labelledby': 'chart-title',
        viewBox: '0 0 370 150',
        width: '370',
        height: '150',
      },
    ]);
  });
});

describe('Function: sparkline', () => {
  it('returns undefined without a trend or with a single point', () => {
    // Act
    const lines = [
      sparkline(undefined, 'Trend'),
      sparkline([{ scanId: 's1', completedAt: '2026-11-28T02:00:00Z', score: 80 }], 'Trend'),
    ];

    // Assess
    expect(lines).toEqual([undefined, undefined]);
  });

  it('returns a line through every score, 100 at the top and 0 at the bottom, oldest left', () => {
    // Act
    const line = String(
      sparkline(
        [
          { scanId: 's1', completedAt: '2026-11-27T02:00:00Z', score: 0 },
          { scanId: 's2', completedAt: '2026-11-28T02:00:00Z', score: 50 },
          { scanId: 's3', completedAt: '2026-11-29T02:00:00Z', score: 100 },
        ],
        'Trend of orders',
      ),
    );

    // Assess
    expect(tagAttributes(line, 'polyline').map((polyline) => polyline.points)).toEqual(['4,36 80,20 156,4']);
    expect(tagAttributes(line, 'svg')[0]?.['aria-label']).toBe('Trend of orders: 0, 50, 100 (oldest first)');
    expect(elementTexts(line, 'title')).toEqual([
      '2026-11-27T02:00:00Z: 0',
      '2026-11-28T02:00:00Z: 50',
      '2026-11-29T02:00:00Z: 100',
    ]);
  });

  it('returns a broken line where a scan was not scored', () => {
    // Act
    const line = String(
      sparkline(
        [
          { scanId: 's1', completedAt: '2026-11-26T02:00:00Z', score: 100 },
          { scanId: 's2', completedAt: '2026-11-27T02:00:00Z', score: 100 },
          { scanId: 's3', completedAt: '2026-11-28T02:00:00Z', score: null },
          { scanId: 's4', completedAt: '2026-11-29T02:00:00Z', score: 0 },
          { scanId: 's5', completedAt: '2026-11-30T02:00:00Z', score: 0 },
        ],
        'Trend',
      ),
    );

    // Assess
    expect(tagAttributes(line, 'polyline').map((polyline) => polyline.points)).toEqual([
      '4,4 42,4',
      '118,36 156,36',
    ]);
    expect(tagAttributes(line, 'svg')[0]?.['aria-label']).toBe(
      'Trend: 100, 100, not scored, 0, 0 (oldest first)',
    );
  });
});
