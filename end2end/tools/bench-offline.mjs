// Offline benchmark, in the browser: (1) tap to stored — how long saving a record on the
// phone takes, from the tap to the outbox entry committed in IndexedDB (the app keeps it
// in sessionStorage, `antt-last-save-ms`); (2) how long 1,000 queued entries take to reach the
// server once the signal returns. Prints Markdown rows for docs/BENCHMARKS.md.
// Usage: node tools/bench-offline.mjs <base url> [saves] [queued]
import { chromium } from '@playwright/test';

const [base, savesArg, queuedArg] = process.argv.slice(2);
const saves = Number(savesArg ?? 30);
const queued = Number(queuedArg ?? 1000);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 } });
const page = await context.newPage();
const hydrated = () => page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });

await page.goto('/login');
await hydrated();
await page.getByLabel('Số điện thoại').fill('0910101003');
await page.getByLabel('Mật khẩu', { exact: true }).fill('demo1234');
await page.getByRole('button', { name: 'Đăng nhập' }).click();
await page.waitForURL(/\/$/);
await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
const team = (await (await page.request.get('/api/v1/home')).json()).my_teams[0].id;
for (const path of [`/teams/${team}/records`, `/teams/${team}/log/patrol`]) {
  await page.goto(path);
  await hydrated();
}

// (1) Tap to stored, with no signal so that nothing but the phone is measured.
await context.setOffline(true);
const times = [];
for (let i = 0; i < saves; i++) {
  await page.goto(`/teams/${team}/log/patrol`);
  await hydrated();
  await page.getByLabel('Tình hình ghi nhận').fill(`Đo thời gian lưu ${i}`);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.waitForURL(new RegExp(`/teams/${team}/records$`));
  times.push(Number(await page.evaluate(() => sessionStorage.getItem('antt-last-save-ms'))));
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];

// (2) The queue grows to `queued` entries (copies of the last one, each with its own ids,
// as the outbox would hold after weeks without signal); then the signal returns.
await page.evaluate(async (total) => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('antt');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const all = await new Promise((ok) => {
    const r = db.transaction('outbox').objectStore('outbox').getAll();
    r.onsuccess = () => ok(r.result);
  });
  const model = all[0];
  const tx = db.transaction('outbox', 'readwrite');
  for (let i = all.length; i < total; i++) {
    const e = structuredClone(model);
    e.id = crypto.randomUUID();
    e.record_id = crypto.randomUUID();
    e.saved_at = new Date(Date.parse(model.saved_at) + i).toISOString();
    e.mutation.id = e.id;
    e.mutation.record.id = e.record_id;
    tx.objectStore('outbox').put(e);
  }
  await new Promise((ok) => (tx.oncomplete = ok));
}, queued);
const count = () =>
  page.evaluate(
    () =>
      new Promise((ok) => {
        const r = indexedDB.open('antt');
        r.onsuccess = () => {
          const c = r.result.transaction('outbox').objectStore('outbox').count();
          c.onsuccess = () => ok(c.result);
        };
      }),
  );
const before = await count();
const started = Date.now();
await context.setOffline(false);
await page.getByRole('button', { name: 'Gửi ngay' }).click();
while ((await count()) > 0) {
  if (Date.now() - started > 600_000) throw new Error('the queue did not drain in 10 minutes');
  await page.waitForTimeout(200);
}
const seconds = (Date.now() - started) / 1000;
console.log(`| tap to stored (IndexedDB), ${saves} saves | p50 ${pct(50).toFixed(1)} ms | p95 ${pct(95).toFixed(1)} ms | max ${times[times.length - 1].toFixed(1)} ms |`);
console.log(`| ${before} queued entries to the server (SQLite), batches of 50 | ${seconds.toFixed(1)} s | ${(before / seconds).toFixed(0)} entries/s | |`);
await browser.close();
