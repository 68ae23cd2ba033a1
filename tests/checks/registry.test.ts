import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import { renderCheckCatalog } from '../../shared/checks/catalog.js';
import { CHECKS } from '../../shared/checks/registry.js';
import { BEST_PRACTICES, type CheckMetadata, SEVERITIES, type Severity } from '../../shared/checks/types.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import type { AccountSnapshot, CollectionError } from '../../shared/snapshot/types.js';

const checksDir = new URL('../../shared/checks/', import.meta.url);

describe('Registry: CHECKS', () => {
  it('holds the checks of all four best practices and the operations checks', () => {
    // Act
    const practices = new Set(CHECKS.map((check) => check.metadata.bestPractice));

    // Assess
    expect([...practices].sort()).toEqual([...BEST_PRACTICES].sort());
  });

  it('has unique kebab-case ids', () => {
    // Act
    const ids = CHECKS.map((check) => check.metadata.id);

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(CHECKS.map((check) => [check.metadata.id, check] as const))(
    'keeps %s in a file named by its id, in its best practice folder',
    (id, check) => {
      // Act
      const files = readdirSync(new URL(`${check.metadata.bestPractice}/`, checksDir));

      // Assess
      expect(files).toContain(`${id}.ts`);
    },
  );

  it.each(CHECKS.map((check) => [check.metadata.id, check.metadata] as const))(
    'gives %s complete metadata',
    (_id, metadata) => {
      // Assess
      expect(SEVERITIES).toContain(metadata.severity);
      expect(BEST_PRACTICES).toContain(metadata.bestPractice);
      for (const field of [metadata.title, metadata.description, metadata.logic, metadata.risk]) {
        expect(field.trim().length).toBeGreaterThan(10);
      }
      expect(metadata.remediation.console.trim().length).toBeGreaterThan(10);
      expect(metadata.remediation.cli).toMatch(/\baws /);
      expect(metadata.remediation.cloudformation.trim().length).toBeGreaterThan(10);
      expect(metadata.remediation.references.length).toBeGreaterThan(0);
      for (const url of metadata.remediation.references) expect(url).toMatch(/^https:\/\//);
    },
  );

  it.each(
    CHECKS.filter((check) => check.metadata.escalatesTo).map(
      (check) => [check.metadata.id, check.metadata] as const,
    ),
  )('gives %s an escalated severity above its default, and says when in its logic', (_id, metadata) => {
    // Assess
    expect(SEVERITIES.indexOf(metadata.escalatesTo ?? 'info')).toBeLessThan(
      SEVERITIES.indexOf(metadata.severity),
    );
    expect(metadata.logic).toMatch(new RegExp(`\\b${metadata.escalatesTo}\\b`));
  });
});

// A generated account with some reads failed, denied or not started: ERROR verdicts besides the others.
function withFailedReads(snapshot: AccountSnapshot): AccountSnapshot {
  const regions = Object.entries(snapshot.regions ?? {});
  const failures: CollectionError[] = regions.flatMap(([region, content]) => [
    ...(content.streams ?? []).slice(0, 2).map((stream, index) => ({
      operation: 'kinesis:DescribeStreamSummary',
      resource: stream.StreamARN,
      region,
      code: index === 0 ? 'AccessDeniedException' : 'TimeLimitReached',
      message: 'failed',
    })),
    ...(content.applications ?? []).slice(0, 1).map((application) => ({
      operation: 'kinesisanalytics:DescribeApplication',
      resource: application.ApplicationARN,
      region,
      code: 'ServiceUnavailable',
      message: 'failed',
    })),
  ]);
  const unread = new Set(failures.map((failure) => failure.resource));
  return {
    ...snapshot,
    regions: Object.fromEntries(
      regions.map(([region, content]) => [
        region,
        { ...content, streams: (content.streams ?? []).filter((stream) => !unread.has(stream.StreamARN)) },
      ]),
    ),
    collectionErrors: [...(snapshot.collectionErrors ?? []), ...failures],
  };
}

function mostSevereAllowed(metadata: CheckMetadata): Severity {
  return metadata.escalatesTo ?? metadata.severity;
}

describe('Registry: severities the checks give', () => {
  const accounts = {
    demo: demoAccount,
    generated: generateAccount({ applications: 300, regions: 4, seed: 1 }),
    'generated with failed reads': withFailedReads(
      generateAccount({ applications: 300, regions: 4, seed: 2 }),
    ),
  };
  const findings = Object.values(accounts).flatMap((account) =>
    evaluateAccount(account).applications.flatMap((application) => application.findings),
  );

  it.each(CHECKS.map((check) => [check.metadata.id, check.metadata] as const))(
    'never gives %s a severity above its escalatesTo (or its severity when it declares none)',
    (id, metadata) => {
      // Act
      const given = findings.filter((finding) => finding.checkId === id);
      const above = given.filter(
        (finding) => SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(mostSevereAllowed(metadata)),
      );

      // Assess: the check ran, and no finding of it is more severe than declared
      expect(given.length).toBeGreaterThan(0);
      expect(
        above.map((finding) => `${finding.status} ${finding.severity} on ${finding.resourceArn}`),
      ).toEqual([]);
    },
  );

  it.each(
    CHECKS.filter((check) => check.metadata.escalatesTo).map(
      (check) => [check.metadata.id, check.metadata] as const,
    ),
  )(
    'reaches the escalated severity of %s on these accounts, so the bound above is exercised',
    (id, metadata) => {
      // Assess
      expect(
        findings.some((finding) => finding.checkId === id && finding.severity === metadata.escalatesTo),
      ).toBe(true);
    },
  );

  it('gives ERROR findings of every check its most severe declared severity', () => {
    // Act
    const errors = findings.filter((finding) => finding.status === 'ERROR');
    const declared = new Map(CHECKS.map((check) => [check.metadata.id, mostSevereAllowed(check.metadata)]));

    // Assess
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.severity).toBe(declared.get(error.checkId));
  });
});

describe('Document: docs/checks.md', () => {
  it('is the catalog rendered from the current metadata (run `npm run docs:checks`)', () => {
    // Act
    const onDisk = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');

    // Assess
    expect(onDisk).toBe(renderCheckCatalog(CHECKS));
  });
});
