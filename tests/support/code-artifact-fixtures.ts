/**
 * Code artifacts for tests: JARs built with fflate (an implementation independent of the reader
 * under test), class files whose constant pools hold given strings, and keys shaped like real ones
 * but assembled at run time, so no key-shaped literal sits in the source.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import type { AccountSnapshot, ApplicationDetail, BucketDetail } from '../../shared/snapshot/types.js';
import { application } from './snapshot-builder.js';

/** A long-term access key id (AKIA and 16 characters), not one of AWS's examples. */
export const PLANTED_KEY_ID = ['AKIA', 'ZPLANTEDKEYJARQX'].join('');
/** A secret access key: 40 base64 characters of a hash. */
export const PLANTED_SECRET = createHash('sha256')
  .update('planted secret of a test JAR')
  .digest('base64')
  .slice(0, 40);

/** A JAR (deflated entries) holding the given files. */
export function jar(files: Record<string, string | Uint8Array>): Uint8Array {
  const encoded = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      path,
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
    ]),
  );
  return zipSync(encoded);
}

/** A class file named `name` whose constant pool holds `strings`. */
export function classWith(name: string, strings: string[]): Uint8Array {
  return minimalClassFile(name, strings);
}

/** A clean Flink JAR: manifest, job class, configuration. */
export function cleanJar(): Uint8Array {
  return jar({
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\nMain-Class: com.acme.Job\n',
    'com/acme/Job.class': classWith('com/acme/Job', ['aws.region', 'orders']),
    'application.properties': 'input.stream=orders\n',
  });
}

/** An application running the code object s3://`bucket`/`key`. */
export function applicationWithCode(bucket: string, key: string, version?: string): ApplicationDetail {
  return application({
    extra: {
      ApplicationConfigurationDescription: {
        ApplicationCodeConfigurationDescription: {
          CodeContentType: 'ZIPFILE',
          CodeContentDescription: {
            S3ApplicationCodeLocationDescription: {
              BucketARN: `arn:aws:s3:::${bucket}`,
              FileKey: key,
              ...(version ? { ObjectVersion: version } : {}),
            },
          },
        },
      },
    },
  });
}

/** A bucket in the fixture region holding `objects` (key → content) as snapshot `Objects`. */
export function codeBucket(name: string, objects: Record<string, Uint8Array> = {}): BucketDetail {
  return {
    Name: name,
    Region: 'eu-west-1',
    Objects: Object.entries(objects).map(([Key, content]) => ({
      Key,
      Size: content.length,
      ContentBase64: Buffer.from(content).toString('base64'),
    })),
  };
}

/**
 * `snapshot` with a clean JAR for every application's S3 code object that it does not hold yet:
 * what a live account has, and hand-assembled snapshots such as the example account leave out.
 */
export function withCleanCode(snapshot: AccountSnapshot): AccountSnapshot {
  const copy: AccountSnapshot = structuredClone(snapshot);
  for (const region of Object.values(copy.regions ?? {})) {
    for (const application of region.applications ?? []) {
      const location =
        application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
          ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
      const bucket = copy.s3?.buckets?.find(
        (candidate) => `arn:aws:s3:::${candidate.Name}` === location?.BucketARN,
      );
      if (!bucket || !location?.FileKey || bucket.Objects?.some((object) => object.Key === location.FileKey))
        continue;
      const content = cleanJar();
      bucket.Objects = [
        ...(bucket.Objects ?? []),
        {
          Key: location.FileKey,
          Size: content.length,
          ContentBase64: Buffer.from(content).toString('base64'),
        },
      ];
    }
  }
  return copy;
}
