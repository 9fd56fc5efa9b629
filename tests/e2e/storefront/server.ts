import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';

/**
 * A merchant's storefront on its own origin, for the browser journey: the product page installs
 * the app's /t.js; checkout reads the tracked click from it and the storefront's server posts a
 * signed order event to the app, exactly as the integration page tells merchants to.
 */
export interface Storefront {
  origin: string;
  setEventsSecret: (secret: string) => void;
  lastResponse: () => unknown;
  close: () => Promise<void>;
}

export async function startStorefront(appOrigin: string, workspace: string, host = '127.0.0.1'): Promise<Storefront> {
  let secret = '';
  let last: unknown;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (req.method === 'GET' && url.pathname === '/') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><head><title>Acme storefront</title>
<script src="${appOrigin}/t.js" defer></script></head>
<body><h1>Acme Cloud Router</h1><p>Price: 249.00 USD</p>
<form method="post" action="/checkout" id="checkout">
  <input type="hidden" name="clickId" id="clickId"><input type="hidden" name="partnerCode" id="partnerCode">
  <label>Email <input name="email" value="buyer@customer.example"></label>
  <button type="submit">Buy now</button>
</form>
<script>
  // the snippet exposes the tracked click; checkout code copies it into the order
  document.getElementById('checkout').addEventListener('submit', function () {
    var f = window.PartnerLedger ? window.PartnerLedger.checkoutFields() : {};
    document.getElementById('clickId').value = f.clickId || '';
    document.getElementById('partnerCode').value = f.partnerCode || '';
  });
</script></body></html>`);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/checkout') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const form = new URLSearchParams(body);
        const orderId = `sf-${Date.now().toString(36)}`;
        const event = JSON.stringify({
          id: orderId,
          type: 'order',
          occurredAt: new Date().toISOString(),
          data: {
            customer: { externalId: `sf-customer-${orderId}`, email: form.get('email') },
            currency: 'USD',
            lines: [{ product: 'cloud-router', category: 'hardware', amount: '249.00' }],
            ...(form.get('clickId') ? { clickId: form.get('clickId') } : {}),
            ...(form.get('partnerCode') ? { partnerCode: form.get('partnerCode') } : {}),
          },
        });
        const t = Math.floor(Date.now() / 1000);
        const signature = createHmac('sha256', secret).update(`${t}.${event}`).digest('hex');
        const answer = await fetch(`${appOrigin}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-workspace': workspace, 'x-signature': `t=${t},v1=${signature}` },
          body: event,
        });
        last = { status: answer.status, body: await answer.json() };
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><h1>${answer.ok ? 'Order confirmed' : 'Order failed'}</h1><p id="order">${orderId}</p><pre id="answer">${JSON.stringify(last)}</pre>`);
      });
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    setEventsSecret: (s) => (secret = s),
    lastResponse: () => last,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
