import type { TrailDetail } from '../../snapshot/types.js';

type EventSelectors = NonNullable<TrailDetail['EventSelectors']>;
type ClassicSelector = NonNullable<EventSelectors['EventSelectors']>[number];
type AdvancedSelector = NonNullable<EventSelectors['AdvancedEventSelectors']>[number];
type FieldSelector = NonNullable<AdvancedSelector['FieldSelectors']>[number];

// The write calls kda-auditor wants on record come from this service (UpdateApplication & co.).
const APPLICATION_EVENT_SOURCE = 'kinesisanalytics.amazonaws.com';

/**
 * Whether a GetEventSelectors response records write management events: a classic selector with
 * management events on and ReadWriteType All or WriteOnly, or an advanced selector on the
 * Management category that neither keeps only read-only events nor leaves out this service.
 */
export function recordsWriteManagementEvents(selectors: EventSelectors): boolean {
  return (
    (selectors.EventSelectors ?? []).some(classicRecordsWrites) ||
    (selectors.AdvancedEventSelectors ?? []).some(advancedRecordsWrites)
  );
}

function classicRecordsWrites(selector: ClassicSelector): boolean {
  // Both fields default to "on" / "All" when a selector is written without them.
  const management = selector.IncludeManagementEvents ?? true;
  const readWrite = selector.ReadWriteType ?? 'All';
  const excluded = selector.ExcludeManagementEventSources ?? [];
  return (
    management &&
    (readWrite === 'All' || readWrite === 'WriteOnly') &&
    !excluded.includes(APPLICATION_EVENT_SOURCE)
  );
}

function advancedRecordsWrites(selector: AdvancedSelector): boolean {
  const fields = selector.FieldSelectors ?? [];
  const field = (name: string) =>
    fields.find((candidate) => candidate.Field.toLowerCase() === name.toLowerCase());
  const category = field('eventCategory');
  if (!category?.Equals?.includes('Management')) return false;
  return keepsValue(field('readOnly'), 'false') && keepsValue(field('eventSource'), APPLICATION_EVENT_SOURCE);
}

/** Whether a field selector lets events with this value through (an absent selector keeps all). */
function keepsValue(selector: FieldSelector | undefined, value: string): boolean {
  if (!selector) return true;
  if (selector.Equals && !selector.Equals.includes(value)) return false;
  if (selector.NotEquals?.includes(value)) return false;
  return true;
}
