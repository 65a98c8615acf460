// Prints every same-origin URL a screen loads until it has hydrated, one per line, so
// that scripts/bench-first-load can weigh each of them as a phone would receive it.
// Usage: node tools/loaded-urls.mjs <url> [cookie]
import { chromium } from '@playwright/test';

const [url, cookie] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
if (cookie) {
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
}
const page = await context.newPage();
const origin = new URL(url).origin;
const seen = new Set();
page.on('request', (r) => { if (r.url().startsWith(origin)) seen.add(r.url()); });
await page.goto(url);
await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
await page.waitForLoadState('networkidle');
for (const u of seen) console.log(u);
await browser.close();
