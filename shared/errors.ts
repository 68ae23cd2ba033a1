/** Errors kda-auditor raises itself; each says what the user should do next. */

/** Thrown when a snapshot file is not a valid account snapshot. */
export class SnapshotFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotFormatError';
  }
}

/** Thrown when a policy document cannot be parsed as IAM JSON. */
export class PolicyDocumentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyDocumentError';
  }
}

/** Thrown when a scan request (Lambda payload or CLI flags) is invalid; lists every problem. */
export class InvalidRequestError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid request: ${problems.join('; ')}`);
    this.name = 'InvalidRequestError';
    this.problems = problems;
  }
}

/** Thrown when the scan cannot go on at all (no credentials, account unreadable). */
export class ScanFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanFailedError';
  }
}

/** Thrown when a report or alert could not be delivered to S3 or SNS. */
export class PublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/** Thrown at start-up when the deployment's settings (environment variables) are invalid; lists every problem. */
export class ConfigurationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

/** Thrown when bytes that should be a ZIP/JAR archive (or a class file inside one) cannot be parsed. */
export class ArchiveFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveFormatError';
  }
}
