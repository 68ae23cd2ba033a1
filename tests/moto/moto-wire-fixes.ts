import { Readable } from 'node:stream';
import type { ClientFactory } from '../../shared/aws/clients.js';

/**
 * Answers moto gives on the wire that SDK v3 cannot read, and how the suite repairs them. Each
 * repair runs inside the scanner's own clients, below the SDK's deserializer, so the scanner's
 * code is exercised unchanged on what AWS would have sent.
 */
export const MOTO_WIRE_FIXES = [
  {
    service: 'kinesisanalyticsv2',
    gap:
      'CreateApplication and DescribeApplication return CreateTimestamp, LastUpdateTimestamp and ' +
      'ApplicationVersionCreateTimestamp as ISO strings; awsJson1_1 sends epoch seconds, and the SDK ' +
      'rejects the strings ("Expected real number, got implicit NaN"), which would leave every ' +
      'application undescribed and every check ERROR.',
    repair: 'every string field named *Timestamp is turned into epoch seconds before the SDK reads it',
  },
  {
    service: 'kinesisanalyticsv2',
    gap:
      'DescribeApplication and CreateApplication leave out ApplicationDetail.ApplicationName, a ' +
      'required member that AWS always returns.',
    repair: 'ApplicationName is filled in from the request, which names the application',
  },
] as const;

const FIX_NAME = 'motoApplicationDetailRepair';

/** Installs the repairs on the factory's Kinesis Data Analytics v2 clients of the given regions. */
export function applyMotoWireFixes(clients: ClientFactory, regions: readonly string[]): void {
  for (const region of regions) {
    const stack = clients.kinesisAnalytics(region).middlewareStack;
    // The factory caches its clients: install once per client.
    if (stack.identify().some((entry) => entry.startsWith(`${FIX_NAME} `))) continue;
    stack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as { body?: unknown; headers?: Record<string, string> };
        if (response.body instanceof Readable) {
          const text = await readAll(response.body);
          const input = args.input as { ApplicationName?: unknown };
          const name = typeof input.ApplicationName === 'string' ? input.ApplicationName : undefined;
          const repaired = Buffer.from(repairedBody(text, name));
          response.body = Readable.from([repaired]);
          if (response.headers) response.headers['content-length'] = String(repaired.length);
        }
        return result;
      },
      // Low priority within the deserialize step: runs inside the deserializer, on the raw response.
      { step: 'deserialize', priority: 'low', name: FIX_NAME },
    );
  }
}

async function readAll(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A kinesisanalyticsv2 JSON body as AWS would send it: ISO strings under `…Timestamp` keys as
 * epoch seconds, and the application's name in an ApplicationDetail that lacks it.
 */
export function repairedBody(text: string, applicationName: string | undefined): string {
  if (!text.trim().startsWith('{')) return text;
  const body = JSON.parse(text, (key, value: unknown) => {
    if (!key.endsWith('Timestamp') || typeof value !== 'string') return value;
    // Python's str(datetime) separates date and time with a space.
    const millis = Date.parse(value.replace(' ', 'T'));
    return Number.isNaN(millis) ? value : millis / 1000;
  }) as { ApplicationDetail?: Record<string, unknown> };
  if (body.ApplicationDetail && body.ApplicationDetail.ApplicationName === undefined && applicationName) {
    body.ApplicationDetail.ApplicationName = applicationName;
  }
  return JSON.stringify(body);
}
