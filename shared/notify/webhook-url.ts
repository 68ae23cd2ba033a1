import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { WebhookUrlError } from '../errors.js';

/** Where the webhook URL is kept: its value is a credential, so only its location is configured. */
export type WebhookUrlLocation = { kind: 'parameter'; name: string } | { kind: 'secret'; arn: string };

/** Reads the webhook URL, cached; `forget` drops the cache (after the webhook refused it, say). */
export interface WebhookUrlSource {
  url(): Promise<URL>;
  forget(): void;
}

/** What a source needs: the location, clients built on first use, and how long a URL is trusted. */
export interface WebhookUrlSourceOptions {
  location: WebhookUrlLocation;
  ssm: () => SSMClient;
  secretsManager: () => SecretsManagerClient;
  /** How long a read URL is reused by a warm container; default 5 minutes. */
  ttlMs?: number;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
}

const DEFAULTS = { ttlMs: 5 * 60 * 1000, now: () => Date.now() } as const;

// Plain http is only accepted on the loopback interface, for local runs and tests.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Creates a webhook URL source. The URL is read at most once per `ttlMs` (a rotated URL is picked
 * up within that time) and never appears in an error message: it is a credential.
 */
export function createWebhookUrlSource(options: WebhookUrlSourceOptions): WebhookUrlSource {
  const { location, ttlMs, now } = { ...DEFAULTS, ...options };
  let cached: { url: Promise<URL>; readAt: number } | undefined;

  function url(): Promise<URL> {
    if (cached && now() - cached.readAt < ttlMs) return cached.url;
    const reading = readUrl(location, options).then(parseWebhookUrl);
    // Concurrent callers share one read; a failed read is not cached.
    cached = { url: reading, readAt: now() };
    reading.catch(function forgetFailedRead() {
      if (cached?.url === reading) cached = undefined;
    });
    return reading;
  }

  return {
    url,
    forget() {
      cached = undefined;
    },
  };
}

/** Describes a location for messages and logs: the parameter name or secret ARN, never the value. */
export function describeLocation(location: WebhookUrlLocation): string {
  return location.kind === 'parameter'
    ? `SSM parameter ${location.name}`
    : `Secrets Manager secret ${location.arn}`;
}

async function readUrl(location: WebhookUrlLocation, options: WebhookUrlSourceOptions): Promise<string> {
  const where = describeLocation(location);
  try {
    if (location.kind === 'parameter') {
      const output = await options
        .ssm()
        .send(new GetParameterCommand({ Name: location.name, WithDecryption: true }));
      return required(output.Parameter?.Value, where);
    }
    const output = await options.secretsManager().send(new GetSecretValueCommand({ SecretId: location.arn }));
    return urlInSecret(required(output.SecretString, where), where);
  } catch (error) {
    if (error instanceof WebhookUrlError) throw error;
    const name = error instanceof Error ? error.name : 'an unknown error';
    throw new WebhookUrlError(
      `Could not read the webhook URL from ${where} (${name}): check that it exists in this region and that the notify function's role may read and decrypt it.`,
      { cause: error },
    );
  }
}

function required(value: string | undefined, where: string): string {
  if (!value?.trim()) {
    throw new WebhookUrlError(`${where} is empty: store the chat webhook URL in it.`);
  }
  return value.trim();
}

// A secret may hold the URL alone, or JSON with a "url" key (the console's key/value editor).
function urlInSecret(value: string, where: string): string {
  if (!value.startsWith('{')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && 'url' in parsed && typeof parsed.url === 'string') {
      return parsed.url.trim();
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  throw new WebhookUrlError(
    `${where} holds JSON without a "url" string: store the URL alone, or as {"url": "https://…"}.`,
  );
}

/** Parses a stored webhook URL: https only (plain http on loopback, for local runs). */
export function parseWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    // The value itself stays out of the message and of the cause: it may be a mistyped credential.
    throw new WebhookUrlError('The stored webhook URL is not a URL: store the full https://… address.', {
      cause: error instanceof Error ? new Error(error.name) : undefined,
    });
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url;
  throw new WebhookUrlError(
    `The stored webhook URL uses ${url.protocol} (host ${url.hostname}): store an https:// address.`,
  );
}
