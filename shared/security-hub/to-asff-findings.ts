import type {
  AwsSecurityFinding,
  ComplianceStatus,
  RecordState,
  SeverityLabel,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import { checkById } from '../checks/registry.js';
import type { Severity, Status } from '../checks/types.js';
import type { AuditReport, ReportApplication, ReportFinding, ResolvedFinding } from '../report/types.js';
import { maskAccessKeyIds } from '../secrets/mask.js';
import { ASFF_LIMITS, fitToLength } from './asff-limits.js';
import { asffResource } from './asff-resource.js';

/** The ASFF schema version Security Hub accepts. */
export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Every kda-auditor finding is a configuration check against AWS security best practices. */
export const ASFF_FINDING_TYPES = ['Software and Configuration Checks/AWS Security Best Practices'];

/** Where and when the findings are imported. */
export interface AsffOptions {
  /** The region whose Security Hub receives the findings (the ProductArn's region). */
  region: string;
  /** UpdatedAt (and CreatedAt): must grow from one export to the next, or Security Hub ignores the update. */
  now: Date;
}

const SEVERITY_LABELS: Record<Severity, SeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

/** How each exported status lands in Security Hub (docs/security-hub.md, "Lifecycle"). */
const LIFECYCLE: Record<Exclude<Status, 'NOT_APPLICABLE'>, Lifecycle> = {
  FAIL: { compliance: 'FAILED', record: 'ACTIVE', workflow: 'NEW', keepsSeverity: true },
  // Unknown is never compliant: an ERROR stays in view at the check's severity.
  ERROR: { compliance: 'WARNING', record: 'ACTIVE', workflow: 'NEW', keepsSeverity: true },
  // A suppression hides a failure, it does not make it compliant.
  MUTED: { compliance: 'FAILED', record: 'ACTIVE', workflow: 'SUPPRESSED', keepsSeverity: true },
  // Archived, so that it closes an earlier FAIL with the same Id even when no previous report was read.
  PASS: { compliance: 'PASSED', record: 'ARCHIVED', workflow: 'RESOLVED', keepsSeverity: false },
};

/** A FAIL of the previous scan that no longer applies (NOT_APPLICABLE now, or gone). */
const RESOLVED_LIFECYCLE: Lifecycle = {
  compliance: 'NOT_AVAILABLE',
  record: 'ARCHIVED',
  workflow: 'RESOLVED',
  keepsSeverity: false,
};

interface Lifecycle {
  compliance: ComplianceStatus;
  record: RecordState;
  workflow: WorkflowStatus;
  /** False: INFORMATIONAL, as the ASFF guidance asks for passed checks; Original keeps the check's. */
  keepsSeverity: boolean;
}

/** What one ASFF finding is built from: a report finding, or a resolved one. */
interface AsffSource {
  fingerprint: string;
  checkId: string;
  bestPractice?: string;
  severity: Severity;
  status: Status | 'RESOLVED';
  title: string;
  description: string;
  resourceArn: string;
  applicationArn: string;
  applicationName: string;
  region: string;
  lifecycle: Lifecycle;
  recommendation?: { text: string; url?: string };
  finding?: ReportFinding;
}

// When one Id shows up twice, the worst verdict is the one Security Hub keeps.
const PRECEDENCE: readonly AsffSource['status'][] = ['FAIL', 'ERROR', 'MUTED', 'PASS', 'RESOLVED'];

/**
 * The report as Security Hub findings (ASFF): one per FAIL, ERROR, MUTED and PASS finding, plus an
 * archived one per finding resolved since the previous scan; NOT_APPLICABLE is not exported. Ids
 * come from the finding fingerprints, so the next scan updates the same findings. Pure.
 */
export function toAsffFindings(report: AuditReport, options: AsffOptions): AwsSecurityFinding[] {
  const sources = new Map<string, AsffSource>();
  const keep = (source: AsffSource) => {
    const known = sources.get(source.fingerprint);
    if (!known || PRECEDENCE.indexOf(source.status) < PRECEDENCE.indexOf(known.status))
      sources.set(source.fingerprint, source);
  };
  for (const application of report.applications) {
    for (const finding of application.findings) {
      const { status } = finding;
      if (status !== 'NOT_APPLICABLE') keep(fromReportFinding(application, finding, status));
    }
  }
  for (const resolved of report.changes?.resolved ?? []) keep(fromResolvedFinding(resolved));
  return [...sources.values()].map((source) => toAsff(report, source, options));
}

function fromReportFinding(
  application: ReportApplication,
  finding: ReportFinding,
  status: Exclude<Status, 'NOT_APPLICABLE'>,
): AsffSource {
  // A PASS carries no fix since schema 2.0.0; Security Hub still shows the check's, as before.
  const fix = finding.remediation ?? checkById(finding.checkId)?.metadata.remediation;
  const url = fix?.references[0];
  return {
    fingerprint: finding.fingerprint,
    checkId: finding.checkId,
    bestPractice: finding.bestPractice,
    severity: finding.severity,
    status,
    title: finding.title,
    description: finding.detail,
    resourceArn: finding.resourceArn,
    applicationArn: application.applicationArn,
    applicationName: application.applicationName,
    region: application.region,
    lifecycle: LIFECYCLE[status],
    ...(fix ? { recommendation: { text: fix.console, ...(url ? { url } : {}) } } : {}),
    finding,
  };
}

function fromResolvedFinding(resolved: ResolvedFinding): AsffSource {
  return {
    fingerprint: resolved.fingerprint,
    checkId: resolved.checkId,
    // The resolved entry does not carry it; the check's metadata does (absent for a retired check).
    bestPractice: checkById(resolved.checkId)?.metadata.bestPractice,
    severity: resolved.severity,
    status: 'RESOLVED',
    title: resolved.title,
    description: `Resolved: ${resolved.title} no longer fails for ${resolved.applicationName} (not applicable any more, or the resource is gone).`,
    resourceArn: resolved.resourceArn,
    applicationArn: resolved.applicationArn,
    applicationName: resolved.applicationName,
    region: resolved.region,
    lifecycle: RESOLVED_LIFECYCLE,
  };
}

function toAsff(report: AuditReport, source: AsffSource, options: AsffOptions): AwsSecurityFinding {
  const { accountId, partition } = report;
  const timestamp = options.now.toISOString();
  const { lifecycle } = source;
  const severity = {
    Label: lifecycle.keepsSeverity ? SEVERITY_LABELS[source.severity] : 'INFORMATIONAL',
    Original: source.severity,
  } as const;
  const suppression = source.finding?.suppression;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: fitToLength(`kda-auditor/${accountId}/${source.fingerprint}`, ASFF_LIMITS.id),
    ProductArn: `arn:${partition}:securityhub:${options.region}:${accountId}:product/${accountId}/default`,
    ProductName: 'kda-auditor',
    GeneratorId: fitToLength(`kda-auditor/${source.checkId}`, ASFF_LIMITS.generatorId),
    AwsAccountId: accountId,
    Types: [...ASFF_FINDING_TYPES],
    // kda-auditor keeps no first-seen date per finding: CreatedAt is the time of this export (docs).
    CreatedAt: timestamp,
    UpdatedAt: timestamp,
    Severity: { ...severity },
    Title: fitToLength(maskAccessKeyIds(source.title), ASFF_LIMITS.title),
    Description: fitToLength(maskAccessKeyIds(source.description), ASFF_LIMITS.description, source.title),
    ...(source.recommendation
      ? { Remediation: { Recommendation: recommendation(source.recommendation) } }
      : {}),
    ProductFields: productFields(report, source),
    Resources: [asffResource(source.resourceArn, partition, source.region, resourceDetails(source))],
    Compliance: { Status: lifecycle.compliance },
    // Security Hub only takes Workflow and Note when it creates a finding (docs: "Suppressed findings").
    Workflow: { Status: lifecycle.workflow },
    RecordState: lifecycle.record,
    ...(suppression
      ? {
          Note: {
            Text: fitToLength(
              maskAccessKeyIds(
                `Suppressed by rule ${suppression.ruleId} (${suppression.source}:${suppression.line}) until ` +
                  `${suppression.expires}: ${suppression.justification}`,
              ),
              ASFF_LIMITS.noteText,
            ),
            UpdatedBy: 'kda-auditor',
            UpdatedAt: timestamp,
          },
        }
      : {}),
    // Security Hub keeps updating these from the provider until someone changes them in Security Hub.
    FindingProviderFields: { Severity: { ...severity }, Types: [...ASFF_FINDING_TYPES] },
  };
}

function recommendation(source: { text: string; url?: string }): { Text: string; Url?: string } {
  return {
    Text: fitToLength(maskAccessKeyIds(source.text), ASFF_LIMITS.recommendationText),
    ...(source.url ? { Url: source.url } : {}),
  };
}

function productFields(report: AuditReport, source: AsffSource): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    'kda-auditor/checkId': source.checkId,
    'kda-auditor/bestPractice': source.bestPractice,
    'kda-auditor/applicationArn': source.applicationArn,
    'kda-auditor/applicationName': source.applicationName,
    'kda-auditor/scanId': report.scanId,
    'kda-auditor/status': source.status,
    'kda-auditor/change': source.finding?.change,
    'kda-auditor/fingerprint': source.fingerprint,
  };
  return limitedMap(fields, ASFF_LIMITS.productFieldValue);
}

/** Details.Other of the resource: what an automation rule needs to tell a MUTED finding from a FAIL. */
function resourceDetails(source: AsffSource): Record<string, string> {
  const suppression = source.finding?.suppression;
  return limitedMap(
    {
      'kda-auditor/status': source.status,
      'kda-auditor/suppressionRule': suppression?.ruleId,
      'kda-auditor/suppressionExpires': suppression?.expires,
    },
    ASFF_LIMITS.otherValue,
  );
}

function limitedMap(fields: Record<string, string | undefined>, maxValue: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
      .map(([key, value]) => [key, fitToLength(maskAccessKeyIds(value), maxValue)]),
  );
}
