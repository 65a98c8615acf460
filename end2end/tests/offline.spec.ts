import { test, expect, serve, workerPort, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { LEADER, MEMBER, PASSWORD, hydrated, signIn } from './helpers';

/** Waits until the service worker controls the page, so what follows goes through it. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the app installs, and opens again with no network', async ({ page, context }) => {
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  const manifest = await page.request.get('/manifest.webmanifest');
  expect(manifest.ok()).toBeTruthy();
  expect((await manifest.json()).short_name).toBe('ANTT Cơ sở');
  await controlled(page);
  // Chromium's own verdict on installing the app to the home screen.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // (A test browser is always a private window, which Chromium never installs to.)
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  // Open the screens once online: home, then the team's activity.
  await page.reload();
  await hydrated(page);
  await page.getByRole('link', { name: 'Hoạt động của tổ' }).first().click();
  await expect(page.getByRole('heading', { name: 'Hoạt động của tổ' })).toBeVisible();
  const feedUrl = page.url();

  await context.setOffline(true);
  await page.goto('/');
  await hydrated(page);
  await expect(page.locator('section[data-role="member"]')).toBeVisible();
  await page.goto(feedUrl);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Hoạt động của tổ' })).toBeVisible();
  // A screen never opened online says so, in Vietnamese, instead of the browser's error.
  await page.goto('/account/password');
  await expect(page.getByRole('heading', { name: 'Chưa có mạng' })).toBeVisible();
  await context.setOffline(false);
});

// A 4×3 PNG: the phone shrinks it to a JPEG before keeping it.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4IScHRww4OQD1xwwxB+utmQAAAABJRU5ErkJggg==',
  'base64',
);

type Rec = { id: string; kind: string; photos: string[]; body: unknown };

/** The member's team, and its records whose text carries `tag` (through the API). */
async function teamOf(page: Page) {
  const team: number = (await (await page.request.get('/api/v1/home')).json()).my_teams[0].id;
  const tagged = async (tag: string) =>
    ((await (await page.request.get(`/api/v1/teams/${team}/records`)).json()) as Rec[]).filter((r) =>
      JSON.stringify(r.body).includes(tag),
    );
  return { team, tagged };
}

/** Opens the feed and the forms once with a signal, as a member would before going out. */
async function openScreens(page: Page, team: number) {
  await controlled(page);
  for (const path of [`/teams/${team}/records`, `/teams/${team}/log/patrol`, `/teams/${team}/log/good_deed`]) {
    await page.goto(path);
    await hydrated(page);
  }
}

async function logPatrol(page: Page, team: number, text: string) {
  await page.goto(`/teams/${team}/log/patrol`);
  await hydrated(page);
  await page.getByLabel('Tình hình ghi nhận').fill(text);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  // With a signal the form waits a moment for the server before moving on.
  await expect(page).toHaveURL(new RegExp(`/teams/${team}/records$`), { timeout: 15_000 });
}

test('records logged with no signal are kept through a reload and sent exactly once', async ({ page, context }) => {
  test.setTimeout(90_000);
  const tag = `off${Date.now().toString(36)}`;
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  const { team, tagged } = await teamOf(page);
  await openScreens(page, team);

  await context.setOffline(true);
  for (const n of [1, 2]) {
    await logPatrol(page, team, `Tuần tra không sóng ${n} ${tag}`);
    await expect(page.locator('.outbox-entry')).toHaveCount(n);
  }
  await page.goto(`/teams/${team}/log/good_deed`);
  await hydrated(page);
  await page.getByLabel('Việc đã làm').fill(`Sửa mái nhà không sóng ${tag}`);
  await page.locator('input[data-photo="gallery"]').setInputFiles({ name: 'mai-nha.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.locator('.thumb')).toHaveCount(1);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.outbox-entry')).toHaveCount(3);
  await expect(page.locator('.outbox-entry').first()).toContainText('📷 1');
  const saveMs = Number(await page.evaluate(() => sessionStorage.getItem('antt-last-save-ms')));
  expect(saveMs).toBeGreaterThan(0);
  console.log(`saved on the phone in ${saveMs} ms (tap to stored)`);

  // A reload with no signal: everything is still there, waiting.
  await page.reload();
  await hydrated(page);
  await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(3);
  await expect(page.locator('.outbox')).toContainText('Đang chờ gửi');

  // The signal returns: the sync sends them, and the outbox empties.
  await context.setOffline(false);
  await expect(page.locator('.outbox-entry')).toHaveCount(0, { timeout: 20_000 });
  const sent = await tagged(tag);
  expect(sent.map((r) => r.kind).sort()).toEqual(['good_deed', 'patrol', 'patrol']);
  const deed = sent.find((r) => r.kind === 'good_deed')!;
  expect(deed.photos).toHaveLength(1);
  const photo = await page.request.get(`/api/v1/photos/${deed.photos[0]}`);
  expect(photo.headers()['content-type']).toBe('image/jpeg');
  const bytes = await photo.body();
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
});

test('the server killed in the middle of a push loses nothing and stores nothing twice', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  // A server of its own, to kill: the worker's must live on for its other tests.
  const server = await serve(workerPort(testInfo.parallelIndex, 5), 'killed');
  const base = server.base;
  try {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const tag = `kill${Date.now().toString(36)}`;
    await signIn(page, MEMBER);
    await expect(page).toHaveURL(/\/$/);
    const { team, tagged } = await teamOf(page);
    await openScreens(page, team);
    await context.setOffline(true);
    for (const n of [1, 2, 3, 4, 5]) await logPatrol(page, team, `Tuần tra ${n} ${tag}`);
    await expect(page.locator('.outbox-entry')).toHaveCount(5);

    // The push leaves the phone, and the server dies with it in hand.
    let killed = false;
    page.on('request', (r) => {
      if (!killed && r.url().endsWith('/api/v1/sync/push')) {
        killed = true;
        server.kill();
      }
    });
    await context.setOffline(false);
    await expect.poll(() => killed, { timeout: 20_000 }).toBe(true);

    await server.start();
    // What "Gửi ngay" does (the button may be gone: the server can die after its commit
    // and before its answer, and then everything is sent already).
    await page.evaluate(() => window.dispatchEvent(new Event('antt-sync')));
    await expect(page.locator('.outbox-entry')).toHaveCount(0, { timeout: 30_000 });
    const sent = await tagged(tag);
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((r) => JSON.stringify(r.body))).size).toBe(5);
    await context.close();
  } finally {
    server.kill();
  }
});

test('on a shared phone entries wait for their author, and a member carries only their own entries to another phone, sealed', async ({ browser }) => {
  test.setTimeout(180_000);
  const TEAMMATE = '0910101004';
  const tag = `share${Date.now().toString(36)}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  const { team } = await teamOf(page);
  await openScreens(page, team);
  // The server cannot be reached for pushes: the entries stay on the phone.
  await page.route('**/api/v1/sync/push', (route) => route.abort());
  await logPatrol(page, team, `Tuần tra của tổ viên ${tag}`);
  await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(1);

  // Signing out warns, and keeps the entry.
  let warning = '';
  page.once('dialog', (d) => {
    warning = d.message();
    void d.accept();
  });
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(warning).toContain('chưa gửi');

  // A teammate signs in on the same phone: the member's entry is shown as someone else's,
  // and their sync leaves it alone. The teammate logs an entry of their own.
  await signIn(page, TEAMMATE);
  await expect(page).toHaveURL(/\/$/);
  await openScreens(page, team);
  await logPatrol(page, team, `Tuần tra của đồng đội ${tag}`);
  const other = page.locator('.outbox-entry[data-state="other"]');
  await expect(other).toHaveCount(1);
  await expect(other).toContainText('Chờ người ghi đăng nhập lại để gửi');
  await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(1);

  // The teammate saves their unsent entries to a file, locked with a passphrase.
  await page.getByText('Chuyển các mục chưa gửi sang máy khác').click();
  await page.getByLabel('Mật khẩu bảo vệ tệp', { exact: true }).fill('ngắn');
  await page.getByLabel('Nhập lại mật khẩu bảo vệ tệp').fill('ngắn');
  await page.getByRole('button', { name: 'Lưu ra tệp' }).click();
  await expect(page.locator('#passphrase-error')).toContainText('ít nhất 8 ký tự');
  const passphrase = 'cầu Long Biên 1902';
  await page.getByLabel('Mật khẩu bảo vệ tệp', { exact: true }).fill(passphrase);
  await page.getByLabel('Nhập lại mật khẩu bảo vệ tệp').fill(passphrase);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Lưu ra tệp' }).click(),
  ]);
  const file = await download.path();
  await expect(page.getByRole('status').filter({ hasText: 'Số mục đã lưu ra tệp: 1' })).toBeVisible();
  // The file is sealed: nothing of either entry can be read in it without the passphrase.
  const text = readFileSync(file!, 'utf8');
  const sealed = JSON.parse(text);
  expect(sealed.format).toBe('antt-outbox-sealed');
  expect(Object.keys(sealed).sort()).toEqual(['data', 'format', 'iterations', 'iv', 'kdf', 'salt', 'version']);
  for (const plain of [tag, 'Tuần tra', 'patrol', 'owner']) expect(text).not.toContain(plain);
  // Decrypted the way the app does, with the passphrase, it holds the teammate's entry only.
  const opened = await openSealed(page, text, passphrase);
  expect(opened.entries).toHaveLength(1);
  expect(JSON.stringify(opened.entries[0])).toContain(`Tuần tra của đồng đội ${tag}`);
  expect(JSON.stringify(opened)).not.toContain(`Tuần tra của tổ viên ${tag}`);
  await expect(openSealed(page, text, 'mật khẩu khác')).rejects.toThrow();

  // Another phone imports the file: with a wrong passphrase it is refused; with the right
  // one the entry waits, marked, until the teammate confirms it there.
  const phone2 = await browser.newContext();
  const page2 = await phone2.newPage();
  await signIn(page2, TEAMMATE);
  await expect(page2).toHaveURL(/\/$/);
  await page2.goto(`/teams/${team}/records`);
  await hydrated(page2);
  await page2.getByText('Chuyển các mục chưa gửi sang máy khác').click();
  await page2.locator('input[data-outbox="import"]').setInputFiles(file!);
  await page2.getByLabel('Mật khẩu của tệp').fill('mật khẩu khác');
  await page2.getByRole('button', { name: 'Nhập từ tệp' }).click();
  await expect(page2.locator('#import_passphrase-error')).toContainText('Sai mật khẩu của tệp');
  await page2.getByLabel('Mật khẩu của tệp').fill(passphrase);
  await page2.getByRole('button', { name: 'Nhập từ tệp' }).click();
  await expect(page2.getByRole('status').filter({ hasText: 'Số mục mới đã nhập: 1' })).toBeVisible();
  const imported = page2.locator('.outbox-entry[data-state="imported"]');
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText('xác nhận để gửi');
  await expect(imported).toContainText('Tạo mới');
  await page2.getByRole('button', { name: 'Gửi ngay' }).click();
  await expect(imported).toHaveCount(1);
  expect(await (await teamOf(page2)).tagged(`đồng đội ${tag}`)).toHaveLength(0);
  await imported.getByRole('button', { name: 'Đúng là của tôi: gửi' }).click();
  await expect(page2.locator('.outbox-entry')).toHaveCount(0, { timeout: 20_000 });
  expect(await (await teamOf(page2)).tagged(`đồng đội ${tag}`)).toHaveLength(1);

  // Back on the shared phone, each signs in again: the member's entry is sent, and the
  // teammate's is recognised, not stored twice.
  await page.unroute('**/api/v1/sync/push');
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  for (const who of [MEMBER, TEAMMATE]) {
    await signIn(page, who);
    await expect(page).toHaveURL(/\/$/);
    await page.goto(`/teams/${team}/records`);
    await hydrated(page);
    await expect(page.locator(`.outbox-entry:not([data-state="other"])`)).toHaveCount(0, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
  const onServer = (await teamOf(page2)).tagged;
  expect(await onServer(`tổ viên ${tag}`)).toHaveLength(1);
  expect(await onServer(`đồng đội ${tag}`)).toHaveLength(1);
  await phone2.close();
  await context.close();
});

/** Opens a sealed file in the page as the app does (WebCrypto), or throws. */
async function openSealed(page: Page, text: string, passphrase: string) {
  return page.evaluate(
    async ({ text, passphrase }) => {
      const f = JSON.parse(text);
      const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
      const key = await crypto.subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(f.salt), iterations: f.iterations },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(f.iv) }, key, bytes(f.data));
      return JSON.parse(new TextDecoder().decode(plain));
    },
    { text, passphrase },
  );
}

test('what one person read on a shared phone is not shown to the next, and a tip naming its informant is never kept', async ({ page, context }) => {
  test.setTimeout(120_000);
  const TEAMMATE = '0910101004';
  const tag = `keep${Date.now().toString(36)}`;
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  const { team } = await teamOf(page);
  await openScreens(page, team);
  const members: number[] = (await (await page.request.get(`/api/v1/teams/${team}`)).json()).members.map((m: { id: number }) => m.id);
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const origin = { Origin: new URL(page.url()).origin };
  const log = async (body: unknown, informant?: unknown) => {
    const r = await page.request.post('/api/v1/records', { headers: origin, data: { id: crypto.randomUUID(), team_id: team, body, informant } });
    expect(r.status()).toBe(201);
    return (await r.json()).id as string;
  };
  const patrol = await log({ kind: 'patrol', data: { started_at: hoursAgo(3), ended_at: hoursAgo(2), participants: [members[0]], area: 'Xóm Bắc', observations: `Yên tĩnh ${tag}`, mobilised: false, track: [] } });
  const tip = await log(
    { kind: 'tip_off', data: { received_at: hoursAgo(1), channel: 'in_person', category: 'drugs', content: `Có người lạ ${tag}`, forwarded_at: null } },
    { name: `Bà Tư ${tag}`, phone: null },
  );

  // The member who received the tip sees its informant; that page is never kept.
  const tipPage = await page.goto(`/records/${tip}`);
  await hydrated(page);
  await expect(page.locator('main')).toContainText(`Bà Tư ${tag}`);
  expect(tipPage!.headers()['cache-control']).toContain('no-store');
  await page.goto(`/records/${patrol}`);
  await hydrated(page);
  await expect(page.locator('main')).toContainText(`Yên tĩnh ${tag}`);
  await context.setOffline(true);
  await page.goto(`/records/${patrol}`);
  await expect(page.locator('main')).toContainText(`Yên tĩnh ${tag}`);
  await page.goto(`/records/${tip}`);
  await expect(page.getByRole('heading', { name: 'Chưa có mạng' })).toBeVisible();
  await context.setOffline(false);

  // Another member signs in on the same phone: what the first one read is gone from it.
  await signIn(page, TEAMMATE);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await context.setOffline(true);
  await page.goto(`/records/${patrol}`);
  await expect(page.getByRole('heading', { name: 'Chưa có mạng' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(tag);
  await context.setOffline(false);
});

/** A noisy 24-bit BMP, which no encoder can make small: its JPEG takes several pieces. */
function noisyBmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const b = Buffer.alloc(size);
  b.write('BM', 0);
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * height, 34);
  let seed = 12345;
  for (let i = 54; i < size; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    b[i] = seed >>> 24;
  }
  return b;
}

test('a photo whose connection drops half-way is sent on from where it stopped', async ({ page, context }) => {
  test.setTimeout(90_000);
  const tag = `piece${Date.now().toString(36)}`;
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  const { team, tagged } = await teamOf(page);
  await openScreens(page, team);

  await context.setOffline(true);
  await page.goto(`/teams/${team}/log/good_deed`);
  await hydrated(page);
  await page.getByLabel('Việc đã làm').fill(`Dọn đường làng ${tag}`);
  await page.locator('input[data-photo="gallery"]').setInputFiles({ name: 'duong.bmp', mimeType: 'image/bmp', buffer: noisyBmp(800, 600) });
  await expect(page.locator('.thumb')).toHaveCount(1);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.outbox-entry')).toHaveCount(1);

  // The photo as the phone keeps it, to compare with what the server ends up holding.
  const kept = Buffer.from(
    await page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((ok, no) => {
        const r = indexedDB.open('antt');
        r.onsuccess = () => ok(r.result);
        r.onerror = no;
      });
      const rows: { blob: Blob }[] = await new Promise((ok) => {
        const r = db.transaction('photos').objectStore('photos').getAll();
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      const bytes = new Uint8Array(await rows[0].blob.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }),
    'base64',
  );
  expect(kept.length).toBeGreaterThan(2 * 64 * 1024);

  // Every piece that leaves the phone is noted; the first one after the first piece is
  // cut off as if the signal dropped.
  const positions: { position: number; delivered: boolean }[] = [];
  await page.route(
    (url) => url.pathname.includes('/photos/') && url.searchParams.has('position'),
    async (route) => {
      const position = Number(new URL(route.request().url()).searchParams.get('position'));
      if (!positions.some((p) => !p.delivered) && position > 0) {
        positions.push({ position, delivered: false });
        await route.abort('connectionreset');
        return;
      }
      positions.push({ position, delivered: true });
      await route.continue();
    },
  );
  await context.setOffline(false);
  await expect(page.locator('.outbox-entry')).toHaveCount(0, { timeout: 30_000 });

  const dropped = positions.find((p) => !p.delivered);
  expect(dropped).toBeDefined();
  const delivered = positions.filter((p) => p.delivered).map((p) => p.position);
  // The first piece went once: after the drop the phone went on from where the server
  // had stopped, the dropped piece once more, the rest in order.
  expect(delivered.filter((p) => p === 0)).toHaveLength(1);
  expect(delivered.filter((p) => p === dropped!.position)).toHaveLength(1);
  expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
  expect(delivered.length).toBe(Math.ceil(kept.length / (64 * 1024)));

  const [deed] = await tagged(tag);
  expect(deed.photos).toHaveLength(1);
  const stored = await (await page.request.get(`/api/v1/photos/${deed.photos[0]}`)).body();
  expect(stored.equals(kept)).toBe(true);
  expect([stored[0], stored[1]]).toEqual([0xff, 0xd8]);
});

test('an edit made offline that meets another change on the server waits for its author to choose', async ({ page, context, playwright }) => {
  test.setTimeout(120_000);
  const tag = `conflict${Date.now().toString(36)}`;
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  const { team } = await teamOf(page);
  await openScreens(page, team);
  const members: number[] = (await (await page.request.get(`/api/v1/teams/${team}`)).json()).members.map((m: { id: number }) => m.id);
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const created = await page.request.post('/api/v1/records', {
    // As the app's own page sends it: a write the session cookie carries must come from this site.
    headers: { Origin: new URL(page.url()).origin },
    data: {
      id: crypto.randomUUID(),
      team_id: team,
      body: { kind: 'patrol', data: { started_at: hoursAgo(3), ended_at: hoursAgo(2), participants: [members[0]], area: 'Xóm Bắc', observations: `Yên tĩnh ${tag}`, mobilised: false, track: [] } },
    },
  });
  expect(created.status()).toBe(201);
  const recordId: string = (await created.json()).id;

  const leader = await playwright.request.newContext({ baseURL: page.url() });
  const token = (await (await leader.post('/api/v1/auth/token', { data: { phone: LEADER, password: PASSWORD } })).json()).token;
  const auth = { Authorization: `Bearer ${token}` };
  const read = async () => (await leader.get(`/api/v1/records/${recordId}`, { headers: auth })).json();
  /** The leader changes the observations on the server, as the member's phone has no signal. */
  const leaderEdits = async (text: string) => {
    const r = await read();
    r.body.data.observations = text;
    const put = await leader.put(`/api/v1/records/${recordId}`, { headers: auth, data: { version: r.version, body: r.body } });
    expect(put.status()).toBe(200);
  };
  /** The member edits the observations with no signal, from the form opened earlier. */
  const memberEditsOffline = async (text: string) => {
    await page.goto(`/records/${recordId}/edit`);
    await hydrated(page);
    await context.setOffline(true);
    await page.goto(`/records/${recordId}/edit`);
    await hydrated(page);
    await page.getByLabel('Tình hình ghi nhận').fill(text);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(1);
  };

  await memberEditsOffline(`Bản của tổ viên ${tag}`);
  await leaderEdits(`Bản của tổ trưởng ${tag}`);
  await context.setOffline(false);
  const conflict = page.locator('.outbox-entry[data-state="attention"] .conflict');
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  const difference = conflict.locator('.difference').filter({ hasText: 'Tình hình ghi nhận' });
  await expect(difference.locator('[data-version="mine"]')).toContainText(`Bản của tổ viên ${tag}`);
  await expect(difference.locator('[data-version="theirs"]')).toContainText(`Bản của tổ trưởng ${tag}`);
  // Nothing is decided for the author: the entry waits, however often the sync runs, and
  // the record's own screen says so.
  await page.getByRole('button', { name: 'Gửi ngay' }).click();
  await expect(conflict).toBeVisible();
  await page.goto(`/records/${recordId}`);
  await hydrated(page);
  await expect(page.locator('.pending-edit')).toContainText('khác với bản đã được sửa trên máy chủ');
  await page.locator('.pending-edit a').click();
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Giữ bản của tôi' }).click();
  await expect(page.locator('.outbox-entry')).toHaveCount(0, { timeout: 30_000 });
  let now = await read();
  expect(now.body.data.observations).toBe(`Bản của tổ viên ${tag}`);
  expect(now.version).toBe(3);

  // Again, and this time the author takes the server's version.
  await memberEditsOffline(`Bản thứ hai của tổ viên ${tag}`);
  await leaderEdits(`Bản thứ hai của tổ trưởng ${tag}`);
  await context.setOffline(false);
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await conflict.getByRole('button', { name: 'Dùng bản trên máy chủ' }).click();
  await expect(page.locator('.outbox-entry')).toHaveCount(0);
  now = await read();
  expect(now.body.data.observations).toBe(`Bản thứ hai của tổ trưởng ${tag}`);
  expect(now.version).toBe(4);
  await leader.dispose();
});

test('an entry held for a signed-off month is moved to another month by its author, or let go', async ({ page, context, playwright }) => {
  test.setTimeout(120_000);
  // A team of its own: its month is signed off here, and reopened at the end.
  const MEMBER3 = '0910103003';
  const LEADER3 = '0910103001';
  const tag = `held${Date.now().toString(36)}`;
  await signIn(page, MEMBER3);
  await expect(page).toHaveURL(/\/$/);
  const { team, tagged } = await teamOf(page);
  await openScreens(page, team);

  await context.setOffline(true);
  await logPatrol(page, team, `Tuần tra sẽ dời tháng ${tag}`);
  await logPatrol(page, team, `Tuần tra sẽ bỏ ${tag}`);
  await expect(page.locator('.outbox-entry[data-state="waiting"]')).toHaveCount(2);

  // Meanwhile the leader signs this month off.
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date());
  const leader = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const token = (await (await leader.post('/api/v1/auth/token', { data: { phone: LEADER3, password: PASSWORD } })).json()).token;
  const auth = { Authorization: `Bearer ${token}` };
  const step = async (body: object) => {
    const m = await (await leader.get(`/api/v1/teams/${team}/months/${month}`, { headers: auth })).json();
    const r = await leader.post(`/api/v1/teams/${team}/months/${month}/steps`, { headers: auth, data: { ...body, version: m.version } });
    expect(r.status(), await r.text()).toBe(200);
  };
  await step({ step: 'submit' });
  try {
    await context.setOffline(false);
    const held = page.locator('.outbox-entry[data-state="held"]');
    await expect(held).toHaveCount(2, { timeout: 30_000 });
    await expect(held.first()).toContainText('Chờ mở lại tháng');

    // The author moves one to the month before (it happened then, say).
    await held.first().getByRole('link', { name: 'Sửa lại' }).click();
    await expect(page.locator('.notice.fixing')).toContainText('Máy chủ chưa nhận mục này');
    const observations = page.getByLabel('Tình hình ghi nhận');
    await expect(observations).toHaveValue(/Tuần tra sẽ (dời tháng|bỏ)/);
    const moved = await observations.inputValue();
    const [y, m] = month.split('-').map(Number);
    const before = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-10`;
    await page.getByLabel('Bắt đầu lúc').fill(`${before}T20:00`);
    await page.getByLabel(/Kết thúc lúc/).fill(`${before}T22:00`);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(async () => (await tagged(tag)).length, { timeout: 20_000 }).toBe(1);
    const [stored] = await tagged(tag);
    expect(JSON.stringify(stored.body)).toContain(moved);
    expect((stored as unknown as { month: string }).month).toBe(before.slice(0, 7));

    // The other one is let go: gone from the phone, and never on the server.
    await page.goto(`/teams/${team}/records`);
    await hydrated(page);
    await expect(held).toHaveCount(1);
    page.once('dialog', (d) => void d.accept());
    await held.getByRole('button', { name: 'Bỏ mục này' }).click();
    await expect(page.locator('.outbox-entry')).toHaveCount(0);
    expect(await tagged(tag)).toHaveLength(1);
  } finally {
    await step({ step: 'reopen', reason: 'Kiểm thử xong' });
    await leader.dispose();
  }
});
