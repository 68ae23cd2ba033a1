import { bucketNameFromArn } from '../../arn.js';
import { scanCodeArtifact } from '../../code-artifact/scan-code-artifact.js';
import type { ArtifactCredentialScan } from '../../snapshot/artifact-scan.js';
import type { BucketObject } from '../../snapshot/types.js';
import type { CheckContext } from '../types.js';

/** What is known of an application's code artifact. */
export type CodeArtifact =
  /** The code is not an S3 object (inline SQL, or no code configured). */
  | { state: 'not-in-s3' }
  | { state: 'scanned'; objectArn: string; uri: string; scan: ArtifactCredentialScan }
  /** It exists, or should, but its content is unknown: `reason` completes "could not be scanned: …". */
  | { state: 'unknown'; objectArn: string; uri: string; reason: string };

/**
 * The application's code object and its scan: the scan the collector recorded, or a scan of the
 * content a snapshot carries (ContentBase64). Anything else is unknown, never clean.
 */
export function codeArtifact(context: CheckContext): CodeArtifact {
  const location =
    context.application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
      ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
  const bucketName = location?.BucketARN ? bucketNameFromArn(location.BucketARN) : undefined;
  if (!bucketName || !location?.FileKey) return { state: 'not-in-s3' };
  const key = location.FileKey;
  const partition = context.index.snapshot.partition ?? 'aws';
  const objectArn = `arn:${partition}:s3:::${bucketName}/${key}`;
  const uri = `s3://${bucketName}/${key}${location.ObjectVersion ? ` (version ${location.ObjectVersion})` : ''}`;
  const unknown = (reason: string): CodeArtifact => ({ state: 'unknown', objectArn, uri, reason });

  const failed = context.index.unreadable(objectArn, ['s3:HeadObject', 's3:GetObject']);
  if (failed.length > 0) {
    return unknown(
      failed.map((error) => `${error.operation} failed (${error.code}: ${error.message})`).join('; '),
    );
  }
  const bucket = context.index.bucket(bucketName);
  if (!bucket) {
    const bucketErrors = context.index.unreadable(`arn:${partition}:s3:::${bucketName}`);
    return unknown(
      bucketErrors.length > 0
        ? `its bucket could not be read (${bucketErrors[0]?.code})`
        : 'its bucket is not in the snapshot (it does not exist, or was not collected)',
    );
  }
  const object = findObject(bucket.Objects ?? [], key, location.ObjectVersion);
  if (!object) {
    return unknown(
      'the snapshot holds neither its content nor a scan of it (a live scan collects it; a hand-made ' +
        'snapshot can add it under the bucket\'s "Objects" with ContentBase64)',
    );
  }
  if (object.ContentBase64 !== undefined)
    return { state: 'scanned', objectArn, uri, scan: scannedContent(object) };
  if (object.CredentialScan) return { state: 'scanned', objectArn, uri, scan: object.CredentialScan };
  return unknown('the snapshot lists it without content or scan result');
}

// Applications sharing a JAR share its snapshot entry: scan its content once per snapshot.
const contentScans = new WeakMap<BucketObject, ArtifactCredentialScan>();

function scannedContent(object: BucketObject): ArtifactCredentialScan {
  let scan = contentScans.get(object);
  if (!scan) {
    scan = scanCodeArtifact(Buffer.from(object.ContentBase64 ?? '', 'base64'));
    contentScans.set(object, scan);
  }
  return scan;
}

// The application's pinned version when it names one; otherwise the entry for the key (a live
// scan records the version it read, which is the one the application runs).
function findObject(
  objects: readonly BucketObject[],
  key: string,
  versionId: string | undefined,
): BucketObject | undefined {
  const sameKey = objects.filter((object) => object.Key === key);
  if (!versionId) return sameKey[0];
  return sameKey.find((object) => object.VersionId === versionId);
}
