/** The fake data services: Kinesis, Firehose, KMS, CloudWatch Logs and CloudTrail. */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import type { KeyDetail, RegionSnapshot, TrailDetail } from '../../../shared/snapshot/types.js';
import { type Answer, awsError, type FakeAccount, page, without } from './fake-wire.js';

function regionContent(account: FakeAccount, region: string): RegionSnapshot {
  return account.snapshot.regions?.[region] ?? {};
}

/** Answers Kinesis DescribeStreamSummary and Firehose DescribeDeliveryStream (destinations paged). */
export function fakeStreams(
  stubs: { kinesis: object; firehose: object },
  account: FakeAccount,
  answer: Answer,
  destinationsPerPage: number,
): void {
  answer(stubs.kinesis, DescribeStreamSummaryCommand, (input: { StreamARN: string }, region) => {
    const stream = regionContent(account, region).streams?.find((s) => s.StreamARN === input.StreamARN);
    if (!stream) throw awsError('ResourceNotFoundException', `Stream ${input.StreamARN} not found.`);
    return { StreamDescriptionSummary: stream };
  });
  answer(
    stubs.firehose,
    DescribeDeliveryStreamCommand,
    (input: { DeliveryStreamName: string; ExclusiveStartDestinationId?: string }, region) => {
      const delivery = regionContent(account, region).deliveryStreams?.find(
        (d) => d.DeliveryStreamName === input.DeliveryStreamName,
      );
      if (!delivery) throw awsError('ResourceNotFoundException', `${input.DeliveryStreamName} not found.`);
      const destinations = delivery.Destinations ?? [];
      const after = destinations.findIndex((d) => d.DestinationId === input.ExclusiveStartDestinationId);
      const { items, next } = page(destinations, String(after + 1), destinationsPerPage);
      return {
        DeliveryStreamDescription: {
          ...delivery,
          Destinations: items,
          HasMoreDestinations: next !== undefined,
        },
      };
    },
  );
}

/** The key a KMS KeyId (key ARN, alias ARN, key id, alias name) names in a region. */
function findKey(account: FakeAccount, region: string, reference: string): KeyDetail | undefined {
  const name = reference.startsWith('arn:') ? reference.split(':').slice(5).join(':') : reference;
  return regionContent(account, region).keys?.find(
    (key) =>
      key.KeyMetadata.Arn === reference ||
      key.KeyMetadata.KeyId === name.replace(/^key\//, '') ||
      (key.Aliases ?? []).includes(name),
  );
}

/** Answers KMS DescribeKey, GetKeyRotationStatus and ListAliases (paged). */
export function fakeKms(stub: object, account: FakeAccount, answer: Answer, aliasesPerPage: number): void {
  const key = (region: string, reference: string) => {
    const found = findKey(account, region, reference);
    if (!found) throw awsError('NotFoundException', `Key '${reference}' does not exist`);
    return found;
  };
  answer(stub, DescribeKeyCommand, (input: { KeyId: string }, region) => ({
    KeyMetadata: key(region, input.KeyId).KeyMetadata,
  }));
  answer(stub, GetKeyRotationStatusCommand, (input: { KeyId: string }, region) => ({
    KeyRotationEnabled: key(region, input.KeyId).KeyRotationEnabled,
  }));
  answer(stub, ListAliasesCommand, (input: { KeyId: string; Marker?: string }, region) => {
    const found = key(region, input.KeyId);
    const aliases = (found.Aliases ?? []).map((AliasName) => ({
      AliasName,
      AliasArn: `arn:${account.partition}:kms:${region}:${account.snapshot.accountId}:${AliasName}`,
      TargetKeyId: found.KeyMetadata.KeyId,
    }));
    const { items, next } = page(aliases, input.Marker, aliasesPerPage);
    return { Aliases: items, Truncated: next !== undefined, ...(next ? { NextMarker: next } : {}) };
  });
}

/** Answers CloudWatch Logs DescribeLogGroups by name prefix or by names (logGroupIdentifiers), paged. */
export function fakeLogs(stub: object, account: FakeAccount, answer: Answer, groupsPerPage: number): void {
  answer(
    stub,
    DescribeLogGroupsCommand,
    (input: { logGroupNamePrefix?: string; logGroupIdentifiers?: string[]; nextToken?: string }, region) => {
      const groups = (regionContent(account, region).logGroups ?? [])
        .filter((group) => group.logGroupName.startsWith(input.logGroupNamePrefix ?? ''))
        .filter(
          (group) => !input.logGroupIdentifiers || input.logGroupIdentifiers.includes(group.logGroupName),
        )
        .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
      const { items, next } = page(groups, input.nextToken, groupsPerPage);
      return { logGroups: items, ...(next ? { nextToken: next } : {}) };
    },
  );
}

/** Answers CloudTrail as AWS does: a multi-region trail shows in every region as a shadow trail. */
export function fakeCloudTrail(stub: object, account: FakeAccount, answer: Answer): void {
  const trails = Object.values(account.snapshot.regions ?? {}).flatMap((content) => content.trails ?? []);
  const trail = (region: string, name: string): TrailDetail => {
    const found = trails.find((t) => t.TrailARN === name || (t.Name === name && t.HomeRegion === region));
    if (!found) throw awsError('TrailNotFoundException', `Unknown trail: ${name}`);
    // Status and selectors of a trail are only served by its home region.
    if (found.HomeRegion !== region) throw awsError('TrailNotFoundException', `Unknown trail in ${region}`);
    return found;
  };
  answer(stub, DescribeTrailsCommand, (_input: unknown, region) => ({
    trailList: trails
      .filter((t) => t.HomeRegion === region || t.IsMultiRegionTrail === true)
      .map((t) => without(t, ['Status', 'EventSelectors'])),
  }));
  answer(
    stub,
    GetTrailStatusCommand,
    (input: { Name: string }, region) => trail(region, input.Name).Status ?? {},
  );
  answer(
    stub,
    GetEventSelectorsCommand,
    (input: { TrailName: string }, region) => trail(region, input.TrailName).EventSelectors ?? {},
  );
}
