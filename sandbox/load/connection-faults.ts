import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, type Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/**
 * Drops an exchange without answering, as a broken network would: HTTP/1.1 loses its socket
 * (the client sees ECONNRESET, "socket hang up"); HTTP/2 has only its stream reset, as
 * REFUSED_STREAM ("not processed, safe to retry", the one stream reset the SDK retries), so the
 * other requests multiplexed on the connection live on and stay deterministic.
 */
export function resetExchange(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
): void {
  if (res instanceof Http2ServerResponse) {
    res.stream.close(constants.NGHTTP2_REFUSED_STREAM);
    return;
  }
  req.socket.destroy();
}

/** True when nobody is left to answer: the client gave up, or the sandbox closed. */
export function exchangeClosed(res: ServerResponse | Http2ServerResponse): boolean {
  if (res instanceof Http2ServerResponse) return res.stream.destroyed || res.stream.closed;
  return res.destroyed || res.socket === null || res.socket.destroyed;
}
