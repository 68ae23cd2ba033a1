import { describe, expect, it } from 'vitest';
import {
  CODE_ARTIFACT_SCANNER_VERSION,
  scanCodeArtifact,
} from '../../shared/code-artifact/scan-code-artifact.js';
import { maskKeyId } from '../../shared/secrets/mask.js';
import {
  classWith,
  cleanJar,
  jar,
  PLANTED_KEY_ID,
  PLANTED_SECRET,
} from '../support/code-artifact-fixtures.js';

const MASKED_KEY_ID = maskKeyId(PLANTED_KEY_ID);
const MASKED_SECRET = `${PLANTED_SECRET.slice(0, 4)}${'*'.repeat(36)}`;

describe('Function: scanCodeArtifact', () => {
  it('returns a complete scan with no findings for a clean JAR', () => {
    // Act
    const scan = scanCodeArtifact(cleanJar());

    // Assess
    expect(scan).toEqual({
      ScannerVersion: CODE_ARTIFACT_SCANNER_VERSION,
      Entries: 3,
      TextsRead: 2,
      ClassesRead: 1,
      NestedArchives: 0,
      Findings: [],
    });
  });

  it('returns the keys of a properties file with their line, masked', () => {
    // Prepare
    const artifact = jar({
      'config/aws.properties': `region=eu-west-1\naws.accessKeyId=${PLANTED_KEY_ID}\naws.secretKey=${PLANTED_SECRET}\n`,
    });

    // Act
    const scan = scanCodeArtifact(artifact);

    // Assess
    expect(scan.Findings).toEqual([
      {
        Origin: 'config/aws.properties',
        Line: 2,
        Kind: 'access-key-id',
        MaskedValue: MASKED_KEY_ID,
        Example: false,
        AccessKeyId: PLANTED_KEY_ID,
      },
      {
        Origin: 'config/aws.properties',
        Line: 3,
        Kind: 'secret-access-key',
        MaskedValue: MASKED_SECRET,
        Example: false,
      },
    ]);
    expect(JSON.stringify(scan)).not.toContain(PLANTED_SECRET);
  });

  it('returns the keys compiled into a class file constant pool, with no line', () => {
    // Prepare
    const artifact = jar({
      'com/acme/Uploader.class': classWith('com/acme/Uploader', [
        'accessKey',
        PLANTED_KEY_ID,
        'secretKey',
        PLANTED_SECRET,
      ]),
    });

    // Act
    const scan = scanCodeArtifact(artifact);

    // Assess
    expect(scan.Findings).toEqual([
      {
        Origin: 'com/acme/Uploader.class',
        Kind: 'access-key-id',
        MaskedValue: MASKED_KEY_ID,
        Example: false,
        AccessKeyId: PLANTED_KEY_ID,
      },
      {
        Origin: 'com/acme/Uploader.class',
        Kind: 'secret-access-key',
        MaskedValue: MASKED_SECRET,
        Example: false,
      },
    ]);
    expect(scan.ClassesRead).toBe(1);
  });

  it('returns keys found in a JAR nested in the JAR, naming the path through both', () => {
    // Prepare
    const inner = jar({ 'conf/sink.properties': `sink.user=${PLANTED_KEY_ID}\n` });
    const artifact = jar({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
      'lib/sink-connector.jar': inner,
    });

    // Act
    const scan = scanCodeArtifact(artifact);

    // Assess
    expect(scan.Findings.map((finding) => [finding.Origin, finding.Line, finding.Kind])).toEqual([
      ['lib/sink-connector.jar!/conf/sink.properties', 1, 'access-key-id'],
    ]);
    expect(scan.NestedArchives).toBe(1);
  });

  it('marks the AWS documentation example keys as examples', () => {
    // Prepare
    const artifact = jar({
      'docs/credentials.txt':
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    });

    // Act
    const scan = scanCodeArtifact(artifact);

    // Assess
    expect(scan.Findings.map((finding) => [finding.Kind, finding.Example])).toEqual([
      ['access-key-id', true],
      ['secret-access-key', true],
    ]);
  });

  it('returns an incomplete scan naming the problem for bytes that are not an archive', () => {
    // Act
    const scan = scanCodeArtifact(new TextEncoder().encode('#!/bin/sh\necho not a jar\n'));

    // Assess
    expect(scan).toEqual({
      ScannerVersion: CODE_ARTIFACT_SCANNER_VERSION,
      Entries: 0,
      TextsRead: 0,
      ClassesRead: 0,
      NestedArchives: 0,
      Findings: [],
      Incomplete: expect.stringMatching(/^not a ZIP\/JAR archive: /),
    });
  });

  it('returns an incomplete scan when a cap stops the reading, keeping what was found before', () => {
    // Prepare
    const artifact = jar({
      'a.properties': `key.id=${PLANTED_KEY_ID}\n`,
      'b.properties': 'x=1\n',
      'c.properties': 'y=2\n',
    });

    // Act
    const scan = scanCodeArtifact(artifact, { maxEntries: 1 });

    // Assess
    expect(scan.Incomplete).toEqual(expect.any(String));
    expect(scan.Findings.map((finding) => finding.Origin)).toEqual(['a.properties']);
  });

  it('names the entries it could not read as incomplete', () => {
    // Prepare
    const artifact = jar({
      'conf/app.properties': 'a=1\n',
      'conf/blob.properties': new Uint8Array([0x61, 0, 0x62]),
    });

    // Act
    const scan = scanCodeArtifact(artifact);

    // Assess
    expect(scan.Incomplete).toBe(
      '1 entry was not read: conf/blob.properties (binary content (NUL bytes) in a text-named entry)',
    );
  });
});
