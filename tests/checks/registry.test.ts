import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCheckCatalog } from '../../shared/checks/catalog.js';
import { CHECKS } from '../../shared/checks/registry.js';
import { BEST_PRACTICES, SEVERITIES } from '../../shared/checks/types.js';

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

describe('Document: docs/checks.md', () => {
  it('is the catalog rendered from the current metadata (run `npm run docs:checks`)', () => {
    // Act
    const onDisk = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');

    // Assess
    expect(onDisk).toBe(renderCheckCatalog(CHECKS));
  });
});
