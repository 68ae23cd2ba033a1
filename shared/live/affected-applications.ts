import { bucketArn, deliveryStreamArn, parseArn, streamArn } from '../arn.js';
import { type ChangeEventSource, CLOUDTRAIL_DETAIL_TYPE, isChangeEvent } from './event-kinds.js';
import type { AffectedApplications, CloudTrailChangeEvent, ResourceIndex } from './types.js';

/** What one event's resolver needs: the event, its region and the index. */
interface EventContext {
  event: CloudTrailChangeEvent;
  region: string;
  index: ResourceIndex;
  what: string;
}

/**
 * Maps a CloudTrail change event to the audited applications it can affect, from the index of the
 * last full scan. Anything it cannot place (a trail or policy the index does not know) widens the
 * re-audit rather than dropping the event: an unknown effect is never assumed harmless.
 */
export function affectedApplications(
  event: CloudTrailChangeEvent,
  index: ResourceIndex,
): AffectedApplications {
  const { eventSource, eventName, errorCode } = event.detail ?? {};
  if (event['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE)
    return ignored(`not a CloudTrail API call event (${event['detail-type']})`);
  if (!isChangeEvent(eventSource, eventName))
    return ignored(`${eventSource} ${eventName} is not a change event`);
  if (event.account !== index.accountId)
    return ignored(`${eventName} in account ${event.account}, not the audited ${index.accountId}`);
  if (errorCode) return ignored(`${eventName} failed (${errorCode}): nothing changed`);
  const region = event.detail.awsRegion ?? event.region;
  const context = { event, region, index, what: `${eventSource.split('.')[0]} ${eventName}` };
  return RESOLVERS[eventSource](context);
}

const RESOLVERS: Record<ChangeEventSource, (context: EventContext) => AffectedApplications> = {
  'kinesisanalytics.amazonaws.com': applicationEvent,
  'kinesis.amazonaws.com': (c) => {
    const arn = text(c, 'streamARN');
    const name = text(c, 'streamName');
    const stream = arn ?? (name && streamArn(c.index.partition, c.region, c.index.accountId, name));
    return stream ? dependentsOf(c, stream) : ignored(`${c.what} names no stream`);
  },
  'firehose.amazonaws.com': (c) => {
    const arn = text(c, 'deliveryStreamARN');
    const name = text(c, 'deliveryStreamName');
    const delivery = arn ?? (name && deliveryStreamArn(c.index.partition, c.region, c.index.accountId, name));
    return delivery ? dependentsOf(c, delivery) : ignored(`${c.what} names no delivery stream`);
  },
  's3.amazonaws.com': (c) => {
    const name = text(c, 'bucketName');
    return name ? dependentsOf(c, bucketArn(c.index.partition, name)) : ignored(`${c.what} names no bucket`);
  },
  'cloudtrail.amazonaws.com': trailEvent,
  'iam.amazonaws.com': iamEvent,
  'kms.amazonaws.com': keyEvent,
};

function applicationEvent(c: EventContext): AffectedApplications {
  const { partition, accountId } = c.index;
  const created = c.event.detail.responseElements?.applicationDetail;
  const createdArn =
    created && typeof created === 'object' && 'applicationARN' in created
      ? created.applicationARN
      : undefined;
  const name = text(c, 'applicationName');
  const arn =
    typeof createdArn === 'string'
      ? createdArn
      : name && `arn:${partition}:kinesisanalytics:${c.region}:${accountId}:application/${name}`;
  if (!arn) return ignored(`${c.what} names no application`);
  if (c.index.applications[arn]) return { applications: [arn], reason: `${c.what} on ${arn}` };
  // A new application, or one created after the last scan: audit it by its name.
  if (c.event.detail.eventName === 'DeleteApplication')
    return ignored(`${c.what} on ${arn}: not in the last scan`);
  return { applications: [arn], reason: `${c.what} on ${arn} (not in the last scan)` };
}

function trailEvent(c: EventContext): AffectedApplications {
  const reference = text(c, 'name') ?? text(c, 'trailName');
  if (!reference) return ignored(`${c.what} names no trail`);
  const trailArn = reference.startsWith('arn:')
    ? reference
    : `arn:${c.index.partition}:cloudtrail:${c.region}:${c.index.accountId}:trail/${reference}`;
  const trail = c.index.trails?.[trailArn];
  const widened = c.event.detail.requestParameters?.isMultiRegionTrail === true;
  if (!trail || trail.multiRegion || widened) {
    const why = !trail ? 'a trail the last scan did not record' : 'a multi-region trail';
    return everything(c, `${c.what} on ${trailArn}, ${why}: every region`);
  }
  const applications = c.index.regions[trail.homeRegion] ?? [];
  if (applications.length === 0)
    return ignored(`${c.what} on ${trailArn}: no application in ${trail.homeRegion}`);
  return {
    applications: sorted(applications),
    reason: `${c.what} on ${trailArn}: applications in ${trail.homeRegion}`,
  };
}

function iamEvent(c: EventContext): AffectedApplications {
  const { eventName } = c.event.detail;
  if (eventName === 'CreatePolicyVersion' || eventName === 'SetDefaultPolicyVersion') {
    const policy = text(c, 'policyArn');
    if (!policy) return ignored(`${c.what} names no policy`);
    if (c.index.policies === null)
      return everything(c, `${c.what} on ${policy}, attachments unknown: every application`);
    const roles = c.index.policies[policy] ?? [];
    return throughResources(c, roles, `${c.what} on ${policy}, attached to`);
  }
  const name = text(c, 'roleName');
  if (!name) return ignored(`${c.what} names no role`);
  const roles = c.index.roleNames[name] ?? [];
  if (roles.length === 0) return ignored(`${c.what} on role ${name}: no audited application uses it`);
  return throughResources(c, roles, `${c.what} on role`);
}

function keyEvent(c: EventContext): AffectedApplications {
  const reference = text(c, 'keyId') ?? c.event.detail.resources?.find((r) => r.ARN?.includes(':kms:'))?.ARN;
  if (!reference) return ignored(`${c.what} names no key`);
  const { partition, accountId } = c.index;
  let arn = parseArn(reference)
    ? reference
    : `arn:${partition}:kms:${c.region}:${accountId}:${reference.startsWith('alias/') ? reference : `key/${reference}`}`;
  arn = c.index.keyAliases?.[arn] ?? arn;
  const users = c.index.encrypts[arn] ?? [];
  const used = users.length > 0 ? ` (encrypts ${sorted(users).join(', ')})` : '';
  return dependentsOf(c, arn, used);
}

/** The applications depending on any of the resources, named in the reason. */
function throughResources(c: EventContext, resources: readonly string[], lead: string): AffectedApplications {
  const applications = new Set(resources.flatMap((resource) => c.index.dependents[resource] ?? []));
  const named = resources.filter((resource) => (c.index.dependents[resource] ?? []).length > 0);
  if (applications.size === 0) {
    const subject = resources.length > 0 ? resources.join(', ') : 'no role';
    return ignored(`${lead} ${subject}: no audited application uses it`);
  }
  return { applications: sorted(applications), reason: `${lead} ${sorted(named).join(', ')}` };
}

function dependentsOf(c: EventContext, resource: string, detail = ''): AffectedApplications {
  const applications = c.index.dependents[resource] ?? [];
  if (applications.length === 0) return ignored(`${c.what} on ${resource}: no audited application uses it`);
  return { applications: sorted(applications), reason: `${c.what} on ${resource}${detail}` };
}

function everything(c: EventContext, reason: string): AffectedApplications {
  const applications = Object.keys(c.index.applications);
  if (applications.length === 0) return ignored(`${reason.split(':')[0]}: no application audited`);
  return { applications: sorted(applications), reason };
}

function text(c: EventContext, field: string): string | undefined {
  const value = c.event.detail.requestParameters?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function ignored(reason: string): AffectedApplications {
  return { applications: [], ignored: reason };
}
