import { visitArchiveTexts } from '../archive/archive-texts.js';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../archive/limits.js';
import { ArchiveFormatError } from '../errors.js';
import { findCredentialsInText, type TextCredentialHit } from '../secrets/text-credentials.js';
import type { ArtifactCredentialFinding, ArtifactCredentialScan } from '../snapshot/artifact-scan.js';

/**
 * The version of this scan. Raise it when the detector or the archive reader finds more than
 * before: cached results of older versions are then scanned again instead of trusted.
 */
export const CODE_ARTIFACT_SCANNER_VERSION = 1;

// How many unread entries a result names; the count says how many there were in all.
const SKIPPED_NAMED = 3;

/**
 * Scans a code artifact (a JAR or ZIP, nested archives included) for AWS credentials in its text
 * entries and class-file constant pools. Pure and total: input that is not an archive, or that a
 * cap stopped, gives a result whose `Incomplete` says what could not be read. Only masked values
 * (and full access key ids, for the IAM lookup) are kept.
 */
export function scanCodeArtifact(
  bytes: Uint8Array,
  limits: Partial<ArchiveLimits> = DEFAULT_ARCHIVE_LIMITS,
): ArtifactCredentialScan {
  const findings: ArtifactCredentialFinding[] = [];
  try {
    const summary = visitArchiveTexts(
      bytes,
      (entry) => {
        const layout = entry.source === 'class-constant-pool' ? 'strings' : 'lines';
        for (const hit of findCredentialsInText(entry.text, entry.path, { layout }))
          findings.push(finding(hit));
      },
      limits,
    );
    const incomplete = [
      ...(summary.incomplete ? [summary.incomplete] : []),
      ...(summary.skipped.length > 0 ? [skippedText(summary.skipped)] : []),
    ].join('; ');
    return {
      ScannerVersion: CODE_ARTIFACT_SCANNER_VERSION,
      Entries: summary.entries,
      TextsRead: summary.textsRead,
      ClassesRead: summary.classesRead,
      NestedArchives: summary.nestedArchives,
      Findings: findings,
      ...(incomplete ? { Incomplete: incomplete } : {}),
    };
  } catch (error) {
    if (!(error instanceof ArchiveFormatError)) throw error;
    return {
      ScannerVersion: CODE_ARTIFACT_SCANNER_VERSION,
      Entries: 0,
      TextsRead: 0,
      ClassesRead: 0,
      NestedArchives: 0,
      Findings: findings,
      Incomplete: error.message,
    };
  }
}

function finding(hit: TextCredentialHit): ArtifactCredentialFinding {
  return {
    Origin: hit.origin,
    ...(hit.line !== undefined ? { Line: hit.line } : {}),
    Kind: hit.kind,
    MaskedValue: hit.maskedValue,
    Example: hit.example,
    ...(hit.kind === 'access-key-id' ? { AccessKeyId: hit.accessKeyId } : {}),
  };
}

function skippedText(skipped: readonly { path: string; reason: string }[]): string {
  const named = skipped.slice(0, SKIPPED_NAMED).map(({ path, reason }) => `${path} (${reason})`);
  const more = skipped.length > SKIPPED_NAMED ? ` and ${skipped.length - SKIPPED_NAMED} more` : '';
  return `${skipped.length} entr${skipped.length === 1 ? 'y was' : 'ies were'} not read: ${named.join(', ')}${more}`;
}
