import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ArchiveText } from '../../shared/archive/archive-texts.js';
import { visitArchiveTexts } from '../../shared/archive/archive-texts.js';
import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import { writeStoredZip } from '../../shared/archive/zip-writer.js';
import { ArchiveFormatError } from '../../shared/errors.js';

describe('Function: writeStoredZip', () => {
  it('returns a ZIP that fflate, an independent reader, extracts byte for byte', () => {
    // Prepare
    const classFile = minimalClassFile('com.example.Job', ['s3://bucket/key']);

    // Act
    const zip = writeStoredZip([
      { path: 'META-INF/MANIFEST.MF', content: 'Manifest-Version: 1.0\r\n' },
      { path: 'conf/é.properties', content: 'password=hunter2\n' },
      { path: 'com/example/Job.class', content: classFile },
    ]);

    // Assess
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      'META-INF/MANIFEST.MF',
      'conf/é.properties',
      'com/example/Job.class',
    ]);
    expect(strFromU8(files['META-INF/MANIFEST.MF']!)).toBe('Manifest-Version: 1.0\r\n');
    expect(strFromU8(files['conf/é.properties']!)).toBe('password=hunter2\n');
    expect(files['com/example/Job.class']).toEqual(classFile);
  });

  it('returns a ZIP that visitArchiveTexts reads whole', () => {
    // Prepare
    const zip = writeStoredZip([
      { path: 'conf/app.yaml', content: 'region: eu-west-1\n' },
      { path: 'com/example/Job.class', content: minimalClassFile('com.example.Job', ['s3://bucket/key']) },
    ]);
    const texts: ArchiveText[] = [];

    // Act
    const summary = visitArchiveTexts(zip, (text) => texts.push(text));

    // Assess
    expect(texts).toEqual([
      { path: 'conf/app.yaml', source: 'text', text: 'region: eu-west-1\n' },
      {
        path: 'com/example/Job.class',
        source: 'class-constant-pool',
        text: 'com/example/Job\njava/lang/Object\ns3://bucket/key',
      },
    ]);
    expect(summary).toEqual({
      entries: 2,
      textsRead: 1,
      classesRead: 1,
      nestedArchives: 0,
      bytesInflated: 18 + 88, // the YAML text and the 88-byte class file
      skipped: [],
    });
  });

  it('returns the same bytes for the same entries (fixed timestamps)', () => {
    // Prepare
    const entries = [{ path: 'a.txt', content: 'a' }];

    // Act
    const first = writeStoredZip(entries);
    const second = writeStoredZip(entries);

    // Assess
    expect(first).toEqual(second);
  });

  it('throws ArchiveFormatError for more entries than a ZIP without ZIP64 holds', () => {
    // Prepare
    const entries = Array.from({ length: 65_536 }, (_, index) => ({ path: `${index}.txt`, content: '' }));

    // Act
    const act = (): Uint8Array => writeStoredZip(entries);

    // Assess
    expect(act).toThrow(
      new ArchiveFormatError(
        'cannot write 65536 entries: writeStoredZip builds small archives (at most 65535 entries)',
      ),
    );
  });
});
