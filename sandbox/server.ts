import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { AccountSnapshot } from '../shared/snapshot/types.js';
import { servingState, signingAccessKeyId } from './account-routing.js';
import { exchangeClosed, resetExchange } from './load/connection-faults.js';
import { LoadGate, type LoadOptions } from './load/load-gate.js';
import { route, type ServiceCatalog } from './router.js';
import { SANDBOX_SERVICES } from './services/index.js';
import { type SandboxOptions, SandboxState } from './state.js';
import type { SandboxResponse } from './types.js';

/** How to start a sandbox. */
export interface StartSandboxOptions extends SandboxOptions, LoadOptions {
  /** The auditor's account (the management account or a delegated administrator). */
  snapshot: AccountSnapshot;
  /**
   * Other accounts served on the same endpoint: a request signed with credentials AssumeRole
   * handed out for a role of account X is served from X.
   */
  members?: readonly AccountSnapshot[];
  /** 0 (default): a free port. */
  port?: number;
  /** Loopback only: the sandbox is never reachable from elsewhere. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Added before every response, to model AWS's latency. */
  latencyMs?: number;
  /** The services served; every service kda-auditor reads by default. */
  services?: ServiceCatalog;
}

/** A running sandbox. */
export interface Sandbox {
  /** E.g. `http://127.0.0.1:4566`: give it to the SDK as `endpoint` or AWS_ENDPOINT_URL. */
  endpoint: string;
  port: number;
  /** The auditor's account: what the sandbox's own static credentials read and write. */
  state: SandboxState;
  /** Every account served, the auditor's included, by account id. */
  accounts: ReadonlyMap<string, SandboxState>;
  close(): Promise<void>;
}

// The client's first bytes on an HTTP/2 prior-knowledge (h2c) connection.
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/**
 * Serves an account snapshot (and any member accounts) over the AWS wire protocols on loopback,
 * HTTP/1.1 and cleartext HTTP/2 on one port (the Kinesis client speaks HTTP/2 by default).
 */
export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const state = new SandboxState(options.snapshot, options);
  for (const member of options.members ?? []) {
    new SandboxState(member, options, { auditor: state, accounts: state.accounts, sessions: state.sessions });
  }
  const services = options.services ?? SANDBOX_SERVICES;
  const latency = options.latencyMs ?? 0;
  const gate = new LoadGate(options, state, services.query);

  async function answer(
    req: IncomingMessage | Http2ServerRequest,
    res: ServerResponse | Http2ServerResponse,
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // A client sending through a proxy (the sandbox given as HTTP_PROXY) names an absolute URI,
    // which servers must accept (RFC 9112 §3.2.2). Its host may be no valid URL host (S3
    // Control's 111122223333.127.0.0.1): only the path and query are read.
    const target = (req.url ?? '/').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    const url = new URL(target.startsWith('/') ? target : `/${target}`, 'http://sandbox');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(':') && value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const raw = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: Buffer.concat(chunks),
    };
    const served = servingState(state, signingAccessKeyId(headers, url.searchParams));
    const admission = gate.admit(raw, served);
    if (admission.kind === 'reset') return resetExchange(req, res);
    if (admission.kind === 'stall') await gate.stall(admission.ms);
    let response: SandboxResponse;
    try {
      response = admission.kind === 'answer' ? admission.response : route(raw, served, services);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      response = {
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: `Sandbox failure: ${message}`,
      };
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    // A stalled client may have given up, or the sandbox closed, meanwhile.
    if (exchangeClosed(res)) return;
    const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
    res.end(body);
  }

  const onRequest = (
    req: IncomingMessage | Http2ServerRequest,
    res: ServerResponse | Http2ServerResponse,
  ) => {
    answer(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(error instanceof Error ? error.message : String(error));
    });
  };
  const h1 = http.createServer(onRequest);
  const h2 = http2.createServer(onRequest);
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (first.subarray(0, HTTP2_PREFACE.length).equals(HTTP2_PREFACE)) {
        h2.emit('connection', replayingStream(socket, first));
      } else {
        socket.unshift(first);
        h1.emit('connection', socket);
      }
      socket.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = front.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host === '::1' ? '[::1]' : (options.host ?? '127.0.0.1');
  return {
    endpoint: `http://${host}:${port}`,
    port,
    state,
    accounts: state.accounts,
    close: () =>
      new Promise<void>((resolve) => {
        gate.close();
        for (const socket of sockets) socket.destroy();
        h1.close();
        h2.close();
        front.close(() => resolve());
      }),
  };
}

/**
 * The socket as a stream that first replays the bytes already read. The HTTP/2 server reads
 * sockets natively, past any `unshift`, so it gets a JS stream it must read through instead.
 */
function replayingStream(socket: net.Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  socket.on('error', (error) => stream.destroy(error));
  return stream;
}
