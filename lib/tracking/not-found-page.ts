/**
 * The page a visitor sees for an unknown or disabled tracked link, or one whose destination the
 * merchant no longer allows (404 for all three: the visitor need not know which). Plain HTML with inline styles
 * (the app's palette) so the edge can answer without rendering React or reaching the Node server,
 * and the Postgres fallback serves the very same bytes.
 */
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Link not available</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f8fafc;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; }
  main { max-width: 28rem; padding: 2rem 1.5rem; text-align: center; }
  .code { font-size: .875rem; font-weight: 600; color: #2359c9; margin: 0; }
  h1 { font-size: 1.5rem; margin: .5rem 0; letter-spacing: -.01em; }
  p { color: #64748b; font-size: .9rem; line-height: 1.5; }
</style>
</head>
<body>
<main>
  <p class="code">404</p>
  <h1>This link does not lead anywhere</h1>
  <p>The link you followed is unknown, has been switched off, or points to an address the merchant no longer accepts. Check that you copied it completely, or ask the person who shared it for a new one.</p>
</main>
</body>
</html>
`;

export function linkNotFoundResponse(method = 'GET'): Response {
  return new Response(method === 'HEAD' ? null : HTML, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' },
  });
}
