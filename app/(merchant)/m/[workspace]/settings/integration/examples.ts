// The copy-paste examples of the storefront integration page, filled in with the app's origin and
// the workspace's slug. Kept apart from the page so the page reads as layout.

export const scriptTag = (origin: string) => `<script src="${origin}/t.js" async></script>`;

export const checkoutExample = () => `<!-- on the checkout page: hidden fields your server receives with the order -->
<input type="hidden" name="ref_click" id="ref_click">
<input type="hidden" name="partner_code" id="partner_code">
<script>
  document.addEventListener('submit', function () {
    var f = window.PartnerLedger ? window.PartnerLedger.checkoutFields() : {};
    document.getElementById('ref_click').value = f.clickId || '';
    document.getElementById('partner_code').value = f.partnerCode || '';
  }, true);
</script>`;

const sampleBody = {
  id: 'order-1001',
  type: 'order',
  occurredAt: '2026-01-05T10:00:00Z',
  data: {
    customer: { externalId: 'cus_42', email: 'buyer@example.com' },
    currency: 'USD',
    lines: [{ product: 'Pro plan', amount: '49.00' }],
    clickId: 'clk_9f2c4e1a7b3d4c5e8f90a1b2c3d4e5f6',
    partnerCode: 'alice',
    coupons: [],
  },
};

export const curlExample = (origin: string, slug: string) => `SECRET='<your events signing secret>'
BODY='${JSON.stringify(sampleBody, null, 2)}'
T=$(date +%s)
SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')
curl -sS -X POST '${origin}/api/v1/events' \\
  -H 'Content-Type: application/json' \\
  -H 'X-Workspace: ${slug}' \\
  -H "X-Signature: t=$T,v1=$SIG" \\
  --data-raw "$BODY"`;

export const nodeExample = (origin: string, slug: string) => `import { createHmac } from 'node:crypto';

// Call after the payment succeeded, on your server (the secret never goes to the browser).
export async function reportOrder(order, checkoutFields) {
  const body = JSON.stringify({
    id: order.id, // your own order id: a retry with the same id is answered once, never counted twice
    type: 'order',
    occurredAt: new Date(order.paidAt).toISOString(),
    data: {
      customer: { externalId: order.customerId, email: order.email },
      currency: order.currency, // ISO 4217
      lines: order.lines.map((l) => ({ product: l.sku, amount: l.total })), // decimal strings: "49.00"
      ...checkoutFields, // { clickId, partnerCode } from PartnerLedger.checkoutFields()
      coupons: order.discountCodes ?? [],
    },
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', process.env.PARTNERLEDGER_EVENTS_SECRET).update(\`\${t}.\${body}\`).digest('hex');
  const res = await fetch('${origin}/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workspace': '${slug}', 'x-signature': \`t=\${t},v1=\${v1}\` },
    body, // sign and send the very same bytes
  });
  if (!res.ok) throw new Error(\`PartnerLedger answered \${res.status}: \${await res.text()}\`);
  return res.json();
}`;

export const otherEvents = `{"id": "refund-77", "type": "refund", "occurredAt": "…", "data": {"orderId": "order-1001", "amount": "20.00"}}
{"id": "ms-cus_42-activated", "type": "milestone", "occurredAt": "…", "data": {"customer": {"externalId": "cus_42"}, "name": "activated"}}`;
