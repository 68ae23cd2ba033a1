import * as z from 'zod';
import { InvalidRequestError } from '../../shared/errors.js';
import type { OrgTargetsOutput } from '../org-targets/targets-handler.js';

/** What the Aggregate step receives: the targets step's output, then the Map's output or its caught error. */
export interface AggregateInput {
  targets: OrgTargetsOutput;
  map?: { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
  mapError?: { Error: string; Cause: string };
}

const nonEmpty = z.string().min(1, 'must not be empty');

const targetsSchema = z.object({
  orgScanId: nonEmpty,
  startedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  organizationId: nonEmpty.optional(),
  itemsBucket: nonEmpty,
  itemsKey: nonEmpty,
  resultsPrefix: z.string(),
  targetCount: z.number().int().min(0),
  skipped: z.array(z.object({ accountId: nonEmpty, accountName: nonEmpty.optional(), reason: z.string() })),
  settings: z.object({
    maxConcurrency: z.number().int().min(0),
    toleratedFailurePercentage: z.number().min(0).max(100),
  }),
});

const inputSchema = z.object({
  targets: targetsSchema,
  map: z
    .object({
      MapRunArn: nonEmpty,
      ResultWriterDetails: z.object({ Bucket: nonEmpty, Key: nonEmpty }),
    })
    .optional(),
  // A Catch gives Error and Cause; either may be absent when a state fails without one.
  mapError: z
    .object({ Error: z.string().default('States.Unknown'), Cause: z.string().default('') })
    .optional(),
});

/**
 * Validates the Aggregate step's input (the state machine's `$`: targets, and map or mapError).
 * Throws InvalidRequestError naming every problem: the state machine and this function disagree.
 */
export function parseAggregateInput(event: unknown): AggregateInput {
  const result = inputSchema.safeParse(event);
  if (!result.success) {
    throw new InvalidRequestError(
      result.error.issues.map(
        (issue) =>
          `${issue.path.join('.') || '(payload)'}: ${issue.message} (the Aggregate step takes { targets, map? , mapError? } from statemachine/organization-scan.asl.json)`,
      ),
    );
  }
  const { targets, map, mapError } = result.data;
  return {
    targets: {
      ...targets,
      skipped: targets.skipped.map(({ accountId, accountName, reason }) => ({
        accountId,
        ...(accountName ? { accountName } : {}),
        reason,
      })),
    },
    ...(map ? { map } : {}),
    ...(mapError ? { mapError } : {}),
  };
}
