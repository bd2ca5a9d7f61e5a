/**
 * Tests only: what the payer's browser does at the payment stand-in — opens the signed pay URL,
 * chooses an outcome, and is sent back — over real HTTP. Returns the return URL with the
 * gateway's signed result (the test then follows it into the app, or does not).
 */
export async function payAtStandIn(payUrl: string, outcome: 'success' | 'failure' | 'cancel'): Promise<URL> {
  const page = await fetch(payUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`stand-in pay page answered ${page.status}: ${html}`);
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  if (!session) throw new Error('stand-in pay page without a session');
  const decided = await fetch(new URL('/paymentv2/decide', payUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, outcome }).toString(),
    redirect: 'manual',
  });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) throw new Error(`stand-in decision answered ${decided.status}`);
  return new URL(location);
}
