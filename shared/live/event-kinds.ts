/** The CloudTrail change events live re-audit listens to: those that can change a verdict. */

/** The EventBridge detail-type of a CloudTrail management event. */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/** Event names by event source, exactly those the EventBridge rules match. */
export const CHANGE_EVENTS = {
  'kinesisanalytics.amazonaws.com': [
    'CreateApplication',
    'UpdateApplication',
    'DeleteApplication',
    'AddApplicationInput',
    'AddApplicationInputProcessingConfiguration',
    'DeleteApplicationInputProcessingConfiguration',
    'AddApplicationOutput',
    'DeleteApplicationOutput',
    'AddApplicationReferenceDataSource',
    'DeleteApplicationReferenceDataSource',
    'AddApplicationVpcConfiguration',
    'DeleteApplicationVpcConfiguration',
    'AddApplicationCloudWatchLoggingOption',
    'DeleteApplicationCloudWatchLoggingOption',
  ],
  'kinesis.amazonaws.com': ['StartStreamEncryption', 'StopStreamEncryption', 'CreateStream', 'DeleteStream'],
  'firehose.amazonaws.com': [
    'CreateDeliveryStream',
    'DeleteDeliveryStream',
    'UpdateDestination',
    'StartDeliveryStreamEncryption',
    'StopDeliveryStreamEncryption',
  ],
  's3.amazonaws.com': [
    'PutBucketEncryption',
    'DeleteBucketEncryption',
    'PutBucketPolicy',
    'DeleteBucketPolicy',
    'PutBucketPublicAccessBlock',
    'PutBucketAcl',
  ],
  'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
  'iam.amazonaws.com': [
    'PutRolePolicy',
    'DeleteRolePolicy',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'UpdateAssumeRolePolicy',
    'CreatePolicyVersion',
    'SetDefaultPolicyVersion',
    'DeleteRole',
  ],
  'kms.amazonaws.com': ['DisableKey', 'ScheduleKeyDeletion', 'DisableKeyRotation', 'PutKeyPolicy'],
} as const satisfies Record<string, readonly string[]>;

/** An event source live re-audit listens to. */
export type ChangeEventSource = keyof typeof CHANGE_EVENTS;

/** Whether the source and name are one of the change events above. */
export function isChangeEvent(source: string, name: string): source is ChangeEventSource {
  const names: readonly string[] | undefined = (CHANGE_EVENTS as Record<string, readonly string[]>)[source];
  return names?.includes(name) ?? false;
}
