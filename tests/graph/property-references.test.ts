import { describe, expect, it } from 'vitest';
import { propertyReferences } from '../../shared/graph/property-references.js';

function group(map: Record<string, string>) {
  return [{ PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: map }];
}

describe('Function: propertyReferences', () => {
  it.each([
    ['input.stream.name', 'clicks', 'kinesis-stream', 'clicks'],
    ['output.stream', 'enriched', 'kinesis-stream', 'enriched'],
    ['delivery.stream.name', 'to-lake', 'firehose-delivery-stream', 'to-lake'],
    ['firehose.sink.name', 'to-lake', 'firehose-delivery-stream', 'to-lake'],
    [
      'source.arn',
      'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks/consumer/app:1700000000',
      'kinesis-stream',
      'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks',
    ],
    [
      'sink',
      'arn:aws:firehose:eu-west-1:111122223333:deliverystream/to-lake',
      'firehose-delivery-stream',
      'arn:aws:firehose:eu-west-1:111122223333:deliverystream/to-lake',
    ],
    ['checkpoint.path', 's3://acme-state/checkpoints/', 's3-bucket', 'acme-state'],
  ])('reads %s = %s as a %s', (key, value, kind, expectedValue) => {
    // Act
    const references = propertyReferences(group({ [key]: value }));

    // Assess
    expect(references).toEqual([
      {
        kind,
        value: expectedValue,
        region: undefined,
        propertyGroupId: 'FlinkApplicationProperties',
        propertyKey: key,
      },
    ]);
  });

  it.each([
    ['flink.stream.initpos', 'LATEST'],
    ['aws.credentials.provider.basic.secretkey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unresolved placeholder, as a deployment tool leaves it
    ['input.stream.name', '${STREAM_NAME}'],
    ['parallelism', '4'],
  ])('ignores %s = %s', (key, value) => {
    // Act
    const references = propertyReferences(group({ [key]: value }));

    // Assess
    expect(references).toEqual([]);
  });

  it('reads a comma-separated list and the group region', () => {
    // Act
    const references = propertyReferences(group({ 'aws.region': 'us-east-1', 'input.stream.names': 'a, b' }));

    // Assess
    expect(references.map((reference) => [reference.value, reference.region])).toEqual([
      ['a', 'us-east-1'],
      ['b', 'us-east-1'],
    ]);
  });
});
