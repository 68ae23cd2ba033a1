import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdMapping } from './id-mapping.js';
import { matchesPattern } from './moto-gaps.js';
import { findOnPath } from './moto-server.js';
import { repairedBody } from './moto-wire-fixes.js';

// The cross-check's own helpers: pure, so they are checked without moto.
describe('Class: IdMapping', () => {
  it('replaces every mapped id wherever it appears, URL-encoded documents included', () => {
    // Prepare
    const mapping = new IdMapping();
    mapping.add('111122223333', '123456789012');
    mapping.add('1b2c3d4e-1111', '9f8e7d6c-2222');
    const snapshot = {
      accountId: '111122223333',
      key: 'arn:aws:kms:eu-west-1:111122223333:key/1b2c3d4e-1111',
      document: encodeURIComponent('{"Resource":"arn:aws:kms:eu-west-1:111122223333:key/1b2c3d4e-1111"}'),
    };

    // Act
    const mapped = mapping.apply(snapshot);

    // Assess
    expect(mapped).toEqual({
      accountId: '123456789012',
      key: 'arn:aws:kms:eu-west-1:123456789012:key/9f8e7d6c-2222',
      document: encodeURIComponent('{"Resource":"arn:aws:kms:eu-west-1:123456789012:key/9f8e7d6c-2222"}'),
    });
  });

  it('never replaces an id it has just written', () => {
    // Prepare
    const mapping = new IdMapping();
    mapping.add('a', 'b');
    mapping.add('b', 'c');

    // Act
    const mapped = mapping.apply(['a', 'b']);

    // Assess
    expect(mapped).toEqual(['b', 'c']);
  });
});

describe('Function: repairedBody', () => {
  it('returns epoch seconds for ISO timestamps and the requested application name', () => {
    // Prepare
    const body = JSON.stringify({
      ApplicationDetail: {
        ApplicationARN: 'arn:aws:kinesisanalytics:eu-west-1:123456789012:application/app',
        CreateTimestamp: '2026-11-29T10:00:00',
        ApplicationVersionCreateTimestamp: '2026-11-29 10:00:01.500000',
        ApplicationVersionId: 1,
      },
    });

    // Act
    const repaired = JSON.parse(repairedBody(body, 'app'));

    // Assess
    const seconds = Date.parse('2026-11-29T10:00:00') / 1000;
    expect(repaired).toEqual({
      ApplicationDetail: {
        ApplicationARN: 'arn:aws:kinesisanalytics:eu-west-1:123456789012:application/app',
        ApplicationName: 'app',
        CreateTimestamp: seconds,
        ApplicationVersionCreateTimestamp: seconds + 1.5,
        ApplicationVersionId: 1,
      },
    });
  });

  it('returns a body that is not JSON unchanged', () => {
    // Act
    const repaired = repairedBody('<html>Internal Server Error</html>', 'app');

    // Assess
    expect(repaired).toBe('<html>Internal Server Error</html>');
  });
});

describe('Function: matchesPattern', () => {
  it('returns true when * covers the account id', () => {
    // Act
    const matched = matchesPattern(
      'arn:aws:kinesis:*:*:stream/alerts-in',
      'arn:aws:kinesis:us-east-1:123456789012:stream/alerts-in',
    );

    // Assess
    expect(matched).toBe(true);
  });

  it('returns false for another resource', () => {
    // Act
    const matched = matchesPattern(
      'arn:aws:kinesis:*:*:stream/alerts-in',
      'arn:aws:kinesis:us-east-1:123456789012:stream/alerts-in-2',
    );

    // Assess
    expect(matched).toBe(false);
  });
});

describe('Function: findOnPath', () => {
  it('returns the executable found in a PATH directory', () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'moto-path-'));
    writeFileSync(join(directory, 'moto_server'), '#!/bin/sh\n', { mode: 0o755 });

    // Act
    const found = findOnPath('moto_server', ['/nonexistent', directory].join(':'));

    // Assess
    expect(found).toBe(join(directory, 'moto_server'));
  });

  it('returns undefined when no PATH directory holds it', () => {
    // Act
    const found = findOnPath('moto_server', '/nonexistent');

    // Assess
    expect(found).toBeUndefined();
  });
});
