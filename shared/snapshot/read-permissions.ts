/**
 * Where a read's API operation (as a collection error names it) differs from the IAM action that
 * authorises it: advice to the user and the templates' grants both name the action.
 */
export const IAM_ACTION_OF: Readonly<Record<string, string>> = {
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  // HeadObject has no action of its own: s3:GetObject authorizes it.
  's3:HeadObject': 's3:GetObject',
};

/** The IAM action that authorises a read collection makes. */
export function iamActionOf(operation: string): string {
  return IAM_ACTION_OF[operation] ?? operation;
}
