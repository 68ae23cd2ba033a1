/**
 * What kda-auditor's scan of a code artifact found. The collector keeps this in a bucket's
 * `Objects` entry instead of the artifact's bytes: a 60 MB JAR does not belong in a snapshot, and a
 * cached result stands for an unchanged object without downloading it again.
 */
export interface ArtifactCredentialScan {
  /** The scanner that produced it; a result of another version is scanned again, not trusted. */
  ScannerVersion: number;
  /** Archive entries seen, text entries and class files read, nested archives opened. */
  Entries: number;
  TextsRead: number;
  ClassesRead: number;
  NestedArchives: number;
  /** Credentials found, masked. */
  Findings: ArtifactCredentialFinding[];
  /** Set when the scan could not read everything (a cap, an unreadable entry): absence is not proven. */
  Incomplete?: string;
}

/** One credential found in a code artifact. */
export interface ArtifactCredentialFinding {
  /** Where: the entry path, nested archives joined by `!/` (`lib/inner.jar!/app.properties`). */
  Origin: string;
  /** 1-based line of a text entry; absent for class files. */
  Line?: number;
  /** A CredentialKind of shared/secrets. */
  Kind: string;
  MaskedValue: string;
  /** An example key from the AWS documentation, not a real credential. */
  Example: boolean;
  /**
   * The full access key id of a long-term key, kept so collection can ask IAM whether the key is
   * live. An identifier, not a secret, but still never printed: reports show MaskedValue.
   */
  AccessKeyId?: string;
}
