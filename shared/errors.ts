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
  constructor(problems: string[], options?: { cause?: unknown }) {
    super(`Invalid configuration: ${problems.join('; ')}`, options);
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

/** Thrown when the chat webhook's URL cannot be read from Parameter Store or Secrets Manager, or is not an https URL. */
export class WebhookUrlError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookUrlError';
  }
}

/** Thrown when the chat webhook refused a message or stayed unreachable after every retry. */
export class WebhookDeliveryError extends Error {
  /** The last HTTP status received, when the webhook answered at all. */
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** Thrown when a suppression file is malformed; lists every problem as `<source>:<line>: <problem>`. */
export class SuppressionFileError extends Error {
  readonly source: string;
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(
      `The suppression file ${source} is invalid; fix every problem below and scan again (see docs/suppressions.md):\n${problems.join('\n')}`,
    );
    this.name = 'SuppressionFileError';
    this.source = source;
    this.problems = problems;
  }
}

/** Thrown when a suppression file exists (or was named) but could not be read. */
export class SuppressionReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SuppressionReadError';
  }
}

/** Thrown when the member-account role cannot be assumed in an account (missing, or its trust refuses the auditor). */
export class MemberAccessError extends Error {
  /** The member account that could not be audited. */
  readonly accountId: string;
  /** The role the auditor tried to assume there. */
  readonly roleArn: string;
  constructor(message: string, options: { accountId: string; roleArn: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MemberAccessError';
    this.accountId = options.accountId;
    this.roleArn = options.roleArn;
  }
}

/** An error as one line for a message: `<name>: <message>`, or the thrown value as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
