import * as z from 'zod';
import { SEVERITIES } from '../checks/types.js';
import { GRADES, SCORE_CAPS } from '../score/score.js';
import type { MemberScanResult, ScanTarget } from './types.js';

const severityCounts = z.object(
  Object.fromEntries(SEVERITIES.map((severity) => [severity, z.number().int().min(0)])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodNumber
  >,
);
const grade = z.enum(GRADES).nullable();

/** A ScanTarget as the Map's item input carries it (the trigger field may come along). */
export const scanTargetSchema = z.looseObject({
  orgScanId: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/),
  accountName: z.string().optional(),
  region: z.string().min(1),
}) satisfies z.ZodType<ScanTarget>;

/** A MemberScanResult as an item scan returns it. */
export const memberScanResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('scanned'),
    accountId: z.string().regex(/^\d{12}$/),
    accountName: z.string().optional(),
    region: z.string().min(1),
    scanId: z.string().min(1),
    score: z.number().min(0).max(100).nullable(),
    grade,
    scoreBasis: z.object({
      earned: z.number().min(0),
      possible: z.number().min(0),
      caps: z.array(z.enum(SCORE_CAPS.map(({ cap }) => cap))),
    }),
    applications: z.number().int().min(0),
    failures: severityCounts,
    errors: z.number().int().min(0),
    complete: z.boolean(),
    notReached: z.number().int().min(0).optional(),
    notListed: z.literal(true).optional(),
    reportKey: z.string().optional(),
    newFindings: severityCounts,
    resolvedFindings: z.number().int().min(0),
    previousScore: z.number().nullable().optional(),
    worstApplications: z.array(
      z.object({
        applicationArn: z.string(),
        applicationName: z.string(),
        score: z.number().nullable(),
        grade,
      }),
    ),
  }),
  z.object({
    status: z.literal('failed'),
    accountId: z.string().regex(/^\d{12}$/),
    accountName: z.string().optional(),
    region: z.string().min(1),
    reason: z.string(),
    errorName: z.string(),
  }),
]) satisfies z.ZodType<MemberScanResult>;

/** One child execution in a ResultWriter result file (Transformation NONE, OutputType JSON). */
export const childExecutionSchema = z.looseObject({
  ExecutionArn: z.string().optional(),
  Name: z.string().optional(),
  Input: z.string().optional(),
  Output: z.string().optional(),
  Status: z.string().optional(),
  Error: z.string().optional(),
  Cause: z.string().optional(),
});

const resultFiles = z.array(z.looseObject({ Key: z.string().min(1), Size: z.number().optional() }));

/** The manifest.json a Distributed Map's ResultWriter writes beside the result files. */
export const manifestSchema = z.looseObject({
  DestinationBucket: z.string().min(1),
  MapRunArn: z.string().optional(),
  ResultFiles: z.looseObject({
    SUCCEEDED: resultFiles.optional(),
    FAILED: resultFiles.optional(),
    PENDING: resultFiles.optional(),
  }),
});
