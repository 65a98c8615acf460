import { test, expect, type Page } from './fixtures';
import { MEMBER, hydrated, signIn } from './helpers';

type Cell = { indicator: string; numerator: number; denominator: number };

/** What the phone says it counted: records of the month, and of them entries not yet sent. */
async function counted(page: Page) {
  const p = page.locator('.progress-counted');
  await expect(p).toBeVisible();
  return {
    records: Number(await p.getAttribute('data-records')),
    unsent: Number(await p.getAttribute('data-unsent')),
  };
}

/** Entries waiting in the phone's outbox (IndexedDB). */
async function outboxSize(page: Page) {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, no) => {
      const r = indexedDB.open('antt');
      r.onsuccess = () => ok(r.result);
      r.onerror = no;
    });
    const n: number = await new Promise((ok) => {
      const r = db.transaction('outbox').objectStore('outbox').count();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return n;
  });
}

test("a member sees the team's progress this month, counted on the phone, with no signal too", async ({ page, context }) => {
  test.setTimeout(90_000);
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const team: number = (await (await page.request.get('/api/v1/home')).json()).my_teams[0].id;

  await page.getByRole('link', { name: 'Tiến độ tháng này' }).first().click();
  await expect(page.getByRole('heading', { name: 'Tiến độ tháng này' })).toBeVisible();
  await expect(page.locator('.copy-state[data-copy="fresh"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.progress-row')).toHaveCount(11);

  // The phone's numbers are the server's, indicator by indicator.
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
    .format(new Date());
  const table = await (await page.request.get(`/api/v1/teams/${team}/indicators?period=${month}`)).json();
  const ratios = (table.scope.cells as Cell[]).filter((c) => c.denominator > 0);
  expect(ratios.length).toBeGreaterThan(0);
  for (const c of ratios) {
    const row = page.locator(`.progress-row[data-indicator="${c.indicator}"]`);
    if (await row.locator('.detail').count()) {
      await expect(row.locator('.detail')).toHaveText(`${c.numerator}/${c.denominator}`);
    }
  }
  const before = await counted(page);
  expect(before.unsent).toBe(0);

  // Opened once with a signal, the activity page, the patrol form and this screen open
  // offline too.
  for (const path of [`/teams/${team}/records`, `/teams/${team}/log/patrol`]) {
    await page.goto(path);
    await hydrated(page);
  }
  await page.goto(`/teams/${team}/progress`);
  await hydrated(page);
  await expect(page.locator('.copy-state[data-copy="fresh"]')).toBeVisible({ timeout: 15_000 });

  await context.setOffline(true);
  await page.goto(`/teams/${team}/log/patrol`);
  await hydrated(page);
  await page.getByLabel('Tình hình ghi nhận').fill('Tuần tra không sóng, tính tiến độ trên máy');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${team}/records$`), { timeout: 15_000 });
  await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(1);

  await page.goto(`/teams/${team}/progress`);
  await hydrated(page);
  await expect(page.locator('.copy-state[data-copy="offline"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.progress-counted')).toHaveAttribute('data-unsent', '1');
  expect(await counted(page)).toEqual({ records: before.records + 1, unsent: 1 });
  await expect(page.locator('.progress-counted')).toContainText('chưa gửi');

  // The signal returns: the sync sends the entry; the open screen counts again, the
  // entry is in the team's copy now, and counts once.
  await context.setOffline(false);
  await expect.poll(() => outboxSize(page), { timeout: 30_000 }).toBe(0);
  const line = page.locator('.progress-counted[data-unsent="0"]');
  await expect(line).toHaveAttribute('data-records', String(before.records + 1), { timeout: 15_000 });
  await expect(page.locator('.copy-state[data-copy="fresh"]')).toBeVisible();
  const sent = (await (await page.request.get(`/api/v1/teams/${team}/records?month=${month}`)).json()) as { body: unknown }[];
  expect(sent.filter((r) => JSON.stringify(r.body).includes('tính tiến độ trên máy'))).toHaveLength(1);
});
