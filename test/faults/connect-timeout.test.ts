/**
 * connect() against a host that accepts the TCP connection and never answers (a black hole on
 * loopback): it must reject with a typed error within its overall limit instead of hanging.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { QZPayConnectionError } from '../../src/contract/errors.js';
import { within } from './support.js';

describe('faults: connect() to a host that never answers', () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => void sockets.add(socket));
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    port = (silent.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    // close() waits for open connections: the abandoned clients' sockets are ended here.
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  for (const scheme of ['postgres', 'mysql'] as const) {
    it(`${scheme}: rejects with QZPayConnectionError within connectTimeoutMs`, async () => {
      const failure = await within(10_000, connect(`${scheme}://x@127.0.0.1:${port}/db`, { connectTimeoutMs: 1000 }).then(() => null, (e: unknown) => e), 'connect');
      expect(failure).toBeInstanceOf(QZPayConnectionError);
      expect((failure as Error).message).toBe(`cannot reach ${scheme === 'postgres' ? 'pg' : 'mysql'} database within 1000 ms`);
    });
  }
});
