import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { ByteBudget } from '../../shared/collect/byte-budget.js';
import { collectAccount } from '../../shared/collect/collect-account.js';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { ArtifactCredentialScan } from '../../shared/snapshot/artifact-scan.js';
import type { BucketDetail } from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, account, application, bucket, REGION } from './support/account-builders.js';
import { readCodeArtifacts } from './support/collect-at-once.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';
import { scanContext } from './support/scan-context.js';

const OTHER_REGION = 'us-east-1';

/** Code buckets in two regions, one object each, of the given sizes. */
function codeObjects(sizes: Record<string, number>) {
  const contents = new Map(Object.entries(sizes).map(([name, size]) => [name, Buffer.alloc(size, name)]));
  const buckets: BucketDetail[] = [...contents].map(([name, content], at) => ({
    ...bucket(name, undefined, at % 2 === 0 ? REGION : OTHER_REGION),
    Objects: [{ Key: 'app.jar', ContentBase64: content.toString('base64') }],
  }));
  const applications = [...contents.keys()].map((name) => application(`app-${name}`, { code: name }));
  const aws = fakeAws(account({ buckets, regions: { [REGION]: { applications } } }));
  const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION, OTHER_REGION]);
  draft.setApplications(REGION, applications);
  for (const known of buckets) draft.addBucket({ ...known, Objects: [] });
  return { aws, draft, contents };
}

/**
 * Serves GetObject behind a gate the test opens, and counts the bytes held: from the GetObject
 * that fetches an object until the scan of its bytes returns.
 */
function holdingRecorder(aws: ReturnType<typeof fakeAws>, contents: Map<string, Buffer>) {
  const record = { started: [] as string[], held: 0, maxHeld: 0, heldAtStart: {} as Record<string, number> };
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  aws.s3.on(GetObjectCommand).callsFake(async (input: { Bucket: string }) => {
    const content = contents.get(input.Bucket) ?? Buffer.alloc(0);
    record.heldAtStart[input.Bucket] = record.held;
    record.started.push(input.Bucket);
    record.held += content.length;
    record.maxHeld = Math.max(record.maxHeld, record.held);
    await gate;
    return { Body: Readable.from([content]) };
  });
  const scan = (bytes: Uint8Array): ArtifactCredentialScan => {
    record.held -= bytes.length;
    return {
      ScannerVersion: 1,
      Entries: bytes.length,
      TextsRead: 0,
      ClassesRead: 0,
      NestedArchives: 0,
      Findings: [],
    };
  };
  return { record, open, scan };
}

/** Lets every pending promise callback run (no timers involved). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('Class: CodeArtifactReads (byte budget)', () => {
  afterEach(() => restoreAws());

  it('downloads no more bytes at once than the budget, across regions, and still scans every object', async () => {
    // Prepare: four 100-byte objects in two regions, a budget of 250 bytes
    const { aws, draft, contents } = codeObjects({
      'code-a': 100,
      'code-b': 100,
      'code-c': 100,
      'code-d': 100,
    });
    const { record, open, scan } = holdingRecorder(aws, contents);
    const settings = {
      maxBytes: 1024,
      cache: new MemoryArtifactScanCache(),
      scannerVersion: 1,
      scan,
      budget: new ByteBudget(250),
    };

    // Act
    const collected = readCodeArtifacts(scanContext(), draft, settings);
    await settle();
    const beforeGate = record.started.length;
    open();
    await collected;

    // Assess
    expect({
      beforeGate,
      maxHeld: record.maxHeld,
      scanned: [...contents.keys()].map((name) => draft.bucket(name)?.Objects?.[0]?.CredentialScan?.Entries),
    }).toEqual({ beforeGate: 2, maxHeld: 200, scanned: [100, 100, 100, 100] });
  });

  it('reads an object larger than the whole budget alone', async () => {
    // Prepare: a 300-byte object among 50-byte ones, a budget of 120 bytes
    const { aws, draft, contents } = codeObjects({ 'code-a': 50, 'code-huge': 300, 'code-c': 50 });
    const { record, open, scan } = holdingRecorder(aws, contents);
    open();

    // Act
    await readCodeArtifacts(scanContext(), draft, {
      maxBytes: 1024,
      cache: new MemoryArtifactScanCache(),
      scannerVersion: 1,
      scan,
      budget: new ByteBudget(120),
    });

    // Assess: nothing else was held when it started, and nothing started beside it
    expect({
      heldWhenHugeStarted: record.heldAtStart['code-huge'],
      maxHeld: record.maxHeld,
      started: [...record.started].sort(),
    }).toEqual({ heldWhenHugeStarted: 0, maxHeld: 300, started: ['code-a', 'code-c', 'code-huge'] });
  });

  it('rejects a budget that is not a whole number of bytes before collectAccount calls AWS', async () => {
    // Prepare
    const aws = fakeAws(account({ regions: { [REGION]: { applications: [] } } }));

    // Act
    const scan = collectAccount({ clients: fakeClients(), codeArtifacts: { maxBytesInFlight: 0 } });

    // Assess
    await expect(scan).rejects.toThrow(
      new InvalidRequestError([
        'the code artifact byte budget must be a whole number of bytes above 0, got 0',
      ]),
    );
    expect(aws.sts.calls()).toEqual([]);
  });
});
