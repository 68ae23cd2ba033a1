import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetBucketPolicyStatusCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/** Sends calls whose schemas use computed keys (EC2 query names, S3 XML) to `endpoint`; returns the parsed answers. */
export async function probeSdkWire(endpoint: string): Promise<unknown> {
  const settings = {
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'AKIAWIREPROBEDUMMY00', secretAccessKey: 'wire-probe-dummy' },
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(settings);
  const s3 = new S3Client({ ...settings, forcePathStyle: true });
  const regions = await ec2.send(
    new DescribeRegionsCommand({ AllRegions: true, RegionNames: ['eu-west-1'] }),
  );
  const objects = await s3.send(new ListObjectsV2Command({ Bucket: 'probe-bucket', Prefix: 'jars/' }));
  const status = await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'probe-bucket' }));
  return {
    regions: regions.Regions,
    objects: objects.Contents,
    truncated: objects.IsTruncated,
    policyStatus: status.PolicyStatus,
  };
}
