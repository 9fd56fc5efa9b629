import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a merchant's endpoint received: the raw body and our signature and delivery id headers. */
export interface ReceivedWebhook {
  body: string;
  signature: string;
  id: string;
}

/**
 * A merchant's webhook endpoint on loopback for one test file: it records what it receives and
 * answers with `status` (set it to make deliveries fail). `url` is set once the file's tests start.
 */
export function webhookReceiver() {
  const receiver = { url: '', status: 200, received: [] as ReceivedWebhook[] };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        receiver.received.push({ body, signature: req.headers['x-signature'] as string, id: req.headers['x-webhook-id'] as string });
        res.statusCode = receiver.status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return receiver;
}
