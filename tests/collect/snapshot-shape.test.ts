import { describe, expect, it } from 'vitest';
import { snapshotShape } from '../../shared/collect/snapshot-shape.js';

describe('Function: snapshotShape', () => {
  it('returns every Date, at any depth, as an ISO 8601 string', () => {
    // Prepare
    const response = {
      CreateTimestamp: new Date('2025-03-02T10:00:00Z'),
      Nested: { Versions: [{ CreateDate: new Date('2024-01-01T00:00:00Z'), Id: 'v1' }] },
    };

    // Act
    const shaped = snapshotShape(response);

    // Assess
    expect(shaped).toEqual({
      CreateTimestamp: '2025-03-02T10:00:00.000Z',
      Nested: { Versions: [{ CreateDate: '2024-01-01T00:00:00.000Z', Id: 'v1' }] },
    });
  });

  it('returns the response without the SDK metadata and undefined fields', () => {
    // Prepare
    const response = {
      $metadata: { httpStatusCode: 200, requestId: 'abc' },
      IsLogging: true,
      Missing: undefined,
    };

    // Act
    const shaped = snapshotShape(response);

    // Assess
    expect(Object.keys(shaped)).toEqual(['IsLogging']);
    expect(shaped).toEqual({ IsLogging: true });
  });

  it('returns null, numbers, booleans and strings unchanged', () => {
    // Act
    const shaped = snapshotShape({ Policy: null, Size: 12, On: false, Name: 'x', List: [null, 1] });

    // Assess
    expect(shaped).toEqual({ Policy: null, Size: 12, On: false, Name: 'x', List: [null, 1] });
  });
});
