import { describe, expect, it } from 'vitest';
import { ENTRY_KIND, entryKind } from '../../shared/archive/entry-kind.js';

describe('Function: entryKind', () => {
  it.each([
    ['conf/', ENTRY_KIND.directory],
    ['com/example/Job.class', ENTRY_KIND.class],
    ['lib/inner.jar', ENTRY_KIND.archive],
    ['lib/INNER.ZIP', ENTRY_KIND.archive],
    ['app.war', ENTRY_KIND.archive],
    ['conf/app.properties', ENTRY_KIND.text],
    ['application.YML', ENTRY_KIND.text],
    ['flink-conf.yaml', ENTRY_KIND.text],
    ['log4j2.xml', ENTRY_KIND.text],
    ['job.py', ENTRY_KIND.text],
    ['scripts/run.sh', ENTRY_KIND.text],
    ['prod.env', ENTRY_KIND.text],
    ['.env', ENTRY_KIND.text],
    ['.aws/credentials', ENTRY_KIND.text],
    ['.aws/config', ENTRY_KIND.text],
    ['META-INF/MANIFEST.MF', ENTRY_KIND.text],
    ['logo.png', ENTRY_KIND.other],
    ['native/libfoo.so', ENTRY_KIND.other],
    ['credentials.bin', ENTRY_KIND.other],
  ])('returns the kind of %s', (path, kind) => {
    // Act
    const result = entryKind(path);

    // Assess
    expect(result).toBe(kind);
  });
});
