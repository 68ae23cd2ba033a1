import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer of the fake webhook. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this long (to exercise timeouts). */
  delayMs?: number;
}

/** A request the fake webhook received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** A real HTTP server on the loopback interface acting as a chat webhook. */
export interface WebhookServer {
  /** The webhook URL, with a secret-looking path like Slack's. */
  url: URL;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** The path of the fake webhook: shaped like a Slack incoming webhook's, which is a credential. */
export const WEBHOOK_PATH = '/services/T00000000/B00000000/XXXXsecretXXXXtokenXXXX';

/** Starts a fake webhook answering with `answers` in turn, then 200 "ok" once they run out. */
export async function startWebhookServer(answers: ScriptedAnswer[] = []): Promise<WebhookServer> {
  const queue = [...answers];
  const received: ReceivedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const text = await readBody(request);
    received.push({
      method: request.method ?? '',
      path: request.url ?? '',
      contentType: request.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    });
    const answer = queue.shift() ?? { status: 200, body: 'ok' };
    const reply = () => {
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    };
    if (answer.delayMs) setTimeout(reply, answer.delayMs);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}${WEBHOOK_PATH}`),
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
