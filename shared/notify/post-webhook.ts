import { WebhookDeliveryError } from '../errors.js';

/** How a message is delivered: per-attempt timeout, attempts, backoff; sleep and randomness injectable. */
export interface WebhookPostOptions {
  /** Per attempt, in milliseconds; default 5,000. */
  timeoutMs?: number;
  /** Attempts in all, the first included; default 4. */
  maxAttempts?: number;
  /** First backoff step in milliseconds, doubled each retry (full jitter); default 500. */
  baseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After fails at once, for SNS/Lambda to retry later. Default 20,000. */
  maxDelayMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
  /** In [0, 1); Math.random by default. */
  random?: () => number;
}

/** A delivered message: the webhook's status and the attempts it took. */
export interface WebhookDelivery {
  status: number;
  attempts: number;
}

const DEFAULTS = {
  timeoutMs: 5_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  sleep: (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)),
  random: Math.random,
} as const satisfies WebhookPostOptions;

// Chat webhooks say why they refused in a short body ("invalid_payload", "no_service").
const MAX_REASON_CHARACTERS = 200;

type Attempt =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'retry'; reason: string; status?: number; retryAfterMs?: number; cause?: unknown }
  | { outcome: 'refused'; reason: string; status: number };

/**
 * POSTs a JSON message to a chat webhook. 2xx is delivered; 429, 5xx, timeouts and network errors
 * are retried with jittered backoff (a Retry-After is waited out); any other status, or the last
 * failed attempt, throws WebhookDeliveryError. Errors name the host only: the URL is a credential.
 */
export async function postWebhook(
  url: URL,
  message: unknown,
  options: WebhookPostOptions = {},
): Promise<WebhookDelivery> {
  const settings = { ...DEFAULTS, ...options };
  const body = JSON.stringify(message);
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptPost(url, body, settings.timeoutMs);
    if (result.outcome === 'delivered') return { status: result.status, attempts: attempt };
    const failure = `The chat webhook at ${url.host} ${result.reason}`;
    const status = result.status !== undefined ? { status: result.status } : {};
    if (result.outcome === 'refused') {
      throw new WebhookDeliveryError(
        `${failure}: check the webhook URL stored for the notify function and WEBHOOK_FORMAT.`,
        status,
      );
    }
    if (attempt >= settings.maxAttempts) {
      throw new WebhookDeliveryError(
        `${failure}, after ${attempt} attempts: the invocation fails so that Lambda retries it, then sends the alert to the dead-letter queue.`,
        { ...status, cause: result.cause },
      );
    }
    if (result.retryAfterMs !== undefined && result.retryAfterMs > settings.maxDelayMs) {
      throw new WebhookDeliveryError(
        `${failure} and asked to wait ${Math.ceil(result.retryAfterMs / 1000)} s: the invocation fails so that Lambda retries it later.`,
        status,
      );
    }
    await settings.sleep(retryDelay(attempt, result.retryAfterMs, settings));
  }
}

async function attemptPost(url: URL, body: string, timeoutMs: number): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      outcome: 'retry',
      reason: timedOut ? `did not answer within ${timeoutMs} ms` : 'could not be reached',
      cause: error,
    };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { outcome: 'delivered', status: response.status };
  const reason = `answered HTTP ${response.status}${text ? ` (${text.slice(0, MAX_REASON_CHARACTERS).trim()})` : ''}`;
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return {
      outcome: 'retry',
      reason,
      status: response.status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return { outcome: 'refused', reason, status: response.status };
}

function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  { baseDelayMs, maxDelayMs, random }: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  // Jitter spreads retries of alerts published together, so they do not hit the webhook at once.
  if (retryAfterMs !== undefined)
    return Math.min(maxDelayMs, retryAfterMs + Math.floor(random() * baseDelayMs));
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
}

/** Milliseconds a Retry-After header asks to wait: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
