import { test, expect } from './fixtures';
import { get } from 'node:http';
import { hydrated } from './helpers';

// docs/BENCHMARKS.md: what a phone downloads the first time it opens the app (the sign-in
// screen, until it has hydrated) is at most 250 KB brotli. Bytes, not time: the same
// build always weighs the same. It guards against the build quietly putting lazy screens
// back into the first download (as the wasm split once did with their data).
const BUDGET = 250_000;

/** The bytes of `url` as sent to a browser that accepts brotli (not decoded). */
function brotliBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br', accept: 'text/html,*/*' } }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

test('the first load of the sign-in screen fits in the 250 KB budget', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const loaded = new Set<string>();
  page.on('request', (r) => {
    if (r.url().startsWith(origin)) loaded.add(r.url());
  });
  await page.goto('/login');
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  const files = [...loaded];
  expect(files.some((u) => u.endsWith('.wasm'))).toBe(true);
  const sizes = await Promise.all(files.map(brotliBytes));
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`first load of /login: ${total} B brotli in ${files.length} files`);
  expect(total).toBeLessThanOrEqual(BUDGET);
});
