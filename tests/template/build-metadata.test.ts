import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

/** Each function of the template and the functions/ folder its handler is bundled from. */
const FUNCTION_FOLDERS = {
  ScanFunction: 'scan',
  NotifyFunction: 'notify',
  OrgTargetsFunction: 'org-targets',
  OrgAggregateFunction: 'org-aggregate',
  LiveFunction: 'live',
} as const;

function serverlessFunctions(): Record<string, Node> {
  const template = asNode(loadCfnYaml(readFileSync(`${root}template.yaml`, 'utf8')));
  return Object.fromEntries(
    Object.entries(asNode(template.Resources))
      .map(([id, value]) => [id, asNode(value)] as const)
      .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function'),
  );
}

/** The build command `make` would run for a target (its last line; the checks before it aside). */
function dryRun(target: string): { status: number | null; command: string | undefined } {
  const run = spawnSync(
    'make',
    ['--no-print-directory', '-n', target, 'ARTIFACTS_DIR=/tmp/artifacts', 'NODE=node'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { status: run.status, command: run.stdout.trim().split('\n').at(-1) };
}

describe('Template: build metadata in template.yaml', () => {
  it('builds every function through the Makefile in the project root, with a handler.mjs handler', () => {
    // Act
    const functions = Object.entries(serverlessFunctions()).map(([id, resource]) => ({
      id,
      metadata: resource.Metadata,
      codeUri: asNode(resource.Properties).CodeUri,
      handler: asNode(resource.Properties).Handler,
    }));

    // Assess
    expect(functions).toEqual(
      Object.keys(FUNCTION_FOLDERS).map((id) => ({
        id,
        metadata: { BuildMethod: 'makefile' },
        codeUri: './',
        handler: 'handler.handler',
      })),
    );
  });

  it('names a functions/ folder for every function the repository holds', () => {
    // Act
    const folders = readdirSync(`${root}functions`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);

    // Assess
    expect(folders.sort()).toEqual(Object.values(FUNCTION_FOLDERS).sort());
  });

  it.each(Object.entries(FUNCTION_FOLDERS))(
    'has a Makefile target build-%s that bundles functions/%s into ARTIFACTS_DIR',
    (id, folder) => {
      // Act
      const run = dryRun(`build-${id}`);

      // Assess
      expect(run).toEqual({
        status: 0,
        command: `node "${root}scripts/build.mjs" --function ${folder} --outdir "/tmp/artifacts"`,
      });
    },
  );

  it('stops with what to do when ARTIFACTS_DIR is not set', () => {
    // Act
    const run = spawnSync('make', ['--no-print-directory', 'build-ScanFunction'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ARTIFACTS_DIR: '' },
    });

    // Assess
    expect({ status: run.status, stderr: run.stderr.split('\n')[0] }).toEqual({
      status: 2,
      stderr: 'ARTIFACTS_DIR is not set: run sam build, or make build-ScanFunction ARTIFACTS_DIR=<folder>.',
    });
  });
});
