import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * An S3 client whose buckets are one in-memory map of `bucket/key` → text (GetObject, PutObject
 * with If-None-Match: *, CopyObject, ListObjectsV2). With `everyClient`, every S3Client instance is served from it (call mock.restore() after).
 */
export function memoryS3(
  initial: Readonly<Record<string, string>> = {},
  options: { everyClient?: boolean } = {},
) {
  const objects = new Map<string, string>(Object.entries(initial));
  const s3 = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const mock = mockClient(options.everyClient ? S3Client : s3);
  mock
    .on(PutObjectCommand)
    .callsFake((input: { Bucket: string; Key: string; Body: string; IfNoneMatch?: string }) => {
      // A conditional write (If-None-Match: *) refuses to overwrite, as S3 does.
      if (input.IfNoneMatch === '*' && objects.has(`${input.Bucket}/${input.Key}`))
        throw new S3ServiceException({
          name: 'PreconditionFailed',
          $fault: 'client',
          $metadata: { httpStatusCode: 412 },
          message: 'At least one of the pre-conditions you specified did not hold',
        });
      objects.set(`${input.Bucket}/${input.Key}`, String(input.Body));
      return {};
    });
  // CopySource is `bucket/key`, URL-encoded per segment, as the report writer sends it.
  mock.on(CopyObjectCommand).callsFake((input: { Bucket: string; Key: string; CopySource: string }) => {
    const text = objects.get(decodeURIComponent(input.CopySource));
    if (text === undefined)
      throw new S3ServiceException({
        name: 'NoSuchKey',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
        message: 'The specified key does not exist.',
      });
    objects.set(`${input.Bucket}/${input.Key}`, text);
    return {};
  });
  mock.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const text = objects.get(`${input.Bucket}/${input.Key}`);
    if (text === undefined)
      throw new S3ServiceException({
        name: 'NoSuchKey',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
        message: 'The specified key does not exist.',
      });
    return {
      Body: {
        transformToString: async () => text,
        transformToByteArray: async () => new TextEncoder().encode(text),
      },
    };
  });
  mock.on(ListObjectsV2Command).callsFake((input: { Bucket: string; Prefix?: string }) => {
    const prefix = `${input.Bucket}/${input.Prefix ?? ''}`;
    const keys = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    return {
      IsTruncated: false,
      KeyCount: keys.length,
      Contents: keys.map((key) => ({ Key: key.slice(input.Bucket.length + 1), LastModified: new Date(0) })),
    };
  });
  /** The object at bucket/key parsed as JSON (undefined when absent). */
  const readJson = (bucket: string, key: string): unknown => {
    const text = objects.get(`${bucket}/${key}`);
    return text === undefined ? undefined : JSON.parse(text);
  };
  return { s3, objects, mock, readJson };
}
