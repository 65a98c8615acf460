import { test, expect } from './fixtures';
import { COMMUNE_POLICE, LEADER, PROVINCE_POLICE, hydrated, signIn } from './helpers';

test('the commune police add a village, rename and retire it, restore it and read its history', async ({ page }) => {
  const tag = Date.now().toString(36);
  const name = `Thôn Đồng ${tag}`;
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thôn, tổ dân phố');
  await expect(page.locator('li.place').first()).toBeVisible();

  // An empty name is explained next to the field, and nothing is added.
  const before = await page.locator('li.place').count();
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('#name-error')).toHaveText('Vui lòng nhập trường này.');
  await expect(page.locator('li.place')).toHaveCount(before);

  await page.getByLabel('Tên', { exact: true }).fill(`  ${name} `);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã thêm. ${name}`);
  await expect(page.locator('li.place')).toHaveCount(before + 1);
  const item = page.locator('li.place', { hasText: name });
  await expect(item).toHaveAttribute('data-active', 'true');

  // Renamed and given its dates: a last day before the first is refused on its field.
  await item.getByRole('button', { name: 'Sửa' }).click();
  await item.getByLabel('Tên').fill(`${name} Tây`);
  await item.getByLabel('Hoạt động từ ngày').fill('2025-01-01');
  await item.getByLabel('Ngày cuối hoạt động').fill('2024-12-31');
  await item.getByRole('button', { name: 'Lưu' }).click();
  await expect(item.locator('#valid_to-error')).toHaveText('Ngày cuối phải sau ngày đầu.');
  await item.getByLabel('Ngày cuối hoạt động').fill('2025-12-31');
  await item.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã lưu. ${name} Tây`);
  const retired = page.locator('li.place', { hasText: `${name} Tây` });
  await expect(retired).toHaveAttribute('data-active', 'false');
  await expect(retired).toContainText('Hoạt động từ 01/01/2025 · Ngừng hoạt động sau ngày 31/12/2025');
  await expect(page.locator('li.place').last()).toContainText(`${name} Tây`);

  // Restored with one tap.
  await retired.getByRole('button', { name: 'Khôi phục' }).click();
  const restored = page.locator('li.place', { hasText: `${name} Tây` });
  await expect(restored).toHaveAttribute('data-active', 'true');
  await expect(restored).not.toContainText('Ngừng hoạt động');

  await restored.getByRole('button', { name: 'Lịch sử thay đổi' }).click();
  const entries = restored.locator('ol.history > li');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Sửa · Thượng úy Trần Quốc Việt');
  await expect(entries.nth(0)).toContainText('Ngày cuối hoạt động: 31/12/2025 → (trống)');
  await expect(entries.nth(1)).toContainText(`Tên: ${name} → ${name} Tây`);
  await expect(entries.nth(2)).toContainText(`Tạo mới · Thượng úy Trần Quốc Việt`);

  // It reads at 360 px without sideways scrolling.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test('a team leader cannot open the commune\'s places', async ({ page }) => {
  await signIn(page, LEADER);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Thôn, tổ dân phố' })).toHaveCount(0);
  const commune = await page.request.get('/api/v1/home').then((r) => r.json());
  const team = await page.request.get(`/api/v1/teams/${commune.my_teams[0].id}`).then((r) => r.json());
  await page.goto(`/units/${team.commune_id}/places`);
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền');
});

test('the commune police join two villages into one, confirmed, and each history says so', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = Date.now().toString(36);
  const [east, west] = [`Thôn Đông ${tag}`, `Thôn Tây ${tag}`];
  await signIn(page, COMMUNE_POLICE);
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  for (const name of [east, west]) {
    await page.locator('#new-place-name').fill(name);
    await page.locator('#new-place-from').fill('2025-01-01');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(`Đã thêm. ${name}`);
  }

  const form = page.locator('details.merge-places');
  await form.locator('summary').click();
  await form.getByLabel(west).check();
  await form.getByLabel('Hợp thành').selectOption({ label: east });
  // A day inside a month is refused next to its field, after the confirmation.
  await form.getByLabel('Ngày hiệu lực').fill('2026-01-15');
  await form.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
  await expect(form.getByRole('status')).toContainText('không hoàn tác được');
  await form.getByRole('button', { name: 'Xác nhận sáp nhập' }).click();
  await expect(form.locator('#from-error')).toHaveText('Ngày sáp nhập phải là ngày đầu của một tháng báo cáo.');
  await expect(page.locator('li.place', { hasText: west })).toHaveAttribute('data-active', 'true');

  await form.getByLabel('Ngày hiệu lực').fill('2026-01-01');
  await form.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
  await form.getByRole('button', { name: 'Xác nhận sáp nhập' }).click();
  await expect(page.getByRole('status').first()).toHaveText(`Đã sáp nhập vào ${east}`);
  const joined = page.locator('li.place', { hasText: west });
  await expect(joined).toHaveAttribute('data-active', 'false');
  await expect(joined).toContainText('Ngừng hoạt động sau ngày 31/12/2025');
  await joined.getByRole('button', { name: 'Lịch sử thay đổi' }).click();
  const entries = joined.locator('ol.history > li');
  await expect(entries.nth(0)).toContainText('Sáp nhập · Thượng úy Trần Quốc Việt');
  await expect(entries.nth(0)).toContainText(`Sáp nhập vào: ${east}`);
  await expect(entries.nth(0)).toContainText('Ngày cuối hoạt động: (trống) → 31/12/2025');
  const kept = page.locator('li.place', { hasText: east }).first();
  await kept.getByRole('button', { name: 'Lịch sử thay đổi' }).click();
  await expect(kept.locator('ol.history > li').nth(0)).toContainText(`Sáp nhập từ: ${west}`);

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test('the province police open a new commune and give it its police; the officer chooses a password and founds its first village', async ({ own }) => {
  test.setTimeout(90_000);
  // A commune of its own would change what the worker's other tests count.
  const mine = await own(7, 'commune');
  const page = await mine.phone();
  const tag = Date.now().toString(36);
  const commune = `Xã Thử ${tag}`;
  const phone = `098${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  await signIn(page, PROVINCE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Xã, phường, đặc khu' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  await page.getByLabel('Tên', { exact: true }).fill(commune);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('main p.notice')).toHaveText(`Đã thêm. ${commune}`);

  // The new commune starts empty; its police accounts are the province's to give.
  await page.locator('li.place', { hasText: commune }).getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  await expect(page.locator('p.lead')).toHaveText(commune);
  await expect(page.locator('li.place')).toHaveCount(0);
  const police = page.locator('details.police-accounts');
  await police.locator('summary').click();
  await expect(police.locator('li.police-account')).toHaveCount(0);
  await police.getByRole('button', { name: 'Thêm tài khoản' }).click();
  await expect(police.locator('#full_name-error')).toHaveText('Vui lòng nhập trường này.');
  await police.getByLabel('Cấp bậc, họ và tên').fill(`Thượng úy Thử ${tag}`);
  await police.getByLabel('Số điện thoại').fill(phone);
  await police.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const first = (await police.locator('[role="status"] strong.secret').textContent()) ?? '';
  expect(first).toMatch(/^[a-z2-9]{10}$/);
  const account = police.locator('li.police-account');
  await expect(account).toHaveCount(1);
  await expect(account).toContainText(`Thượng úy Thử ${tag} · ${phone}`);
  await expect(account).toContainText('Chưa đổi mật khẩu ban đầu');

  // The officer signs in with it, must choose their own, then adds the commune's first village.
  const officer = await mine.phone();
  await signIn(officer, phone, first);
  await expect(officer).toHaveURL(/\/account\/password$/);
  await hydrated(officer);
  await officer.getByLabel('Mật khẩu hiện tại').fill(first);
  await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('cong-an-xa-1');
  await officer.getByLabel('Nhập lại mật khẩu mới').fill('cong-an-xa-1');
  await officer.getByRole('button', { name: 'Lưu' }).click();
  await expect(officer.locator('main [role="status"]')).toContainText('Đã đổi mật khẩu');
  await officer.goto('/');
  await officer.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await hydrated(officer);
  await expect(officer.locator('p.lead')).toHaveText(commune);
  await expect(officer.locator('details.police-accounts')).toHaveCount(0);
  await officer.getByLabel('Tên', { exact: true }).fill(`Thôn Một ${tag}`);
  await officer.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(officer.locator('main p.notice')).toHaveText(`Đã thêm. Thôn Một ${tag}`);
  await expect(officer.getByRole('link', { name: 'Thêm tổ' })).toBeVisible();

  // The role taken back (after a second tap) ends the officer's session.
  await account.getByRole('button', { name: 'Thu hồi quyền' }).click();
  await account.getByRole('button', { name: 'Bấm lần nữa để thu hồi' }).click();
  await expect(police.locator('li.police-account')).toHaveCount(0);
  await officer.goto('/');
  await expect(officer).toHaveURL(/\/login/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('the commune police split a village in two from the first of a month, confirmed, and its team covers both', async ({ own }) => {
  test.setTimeout(60_000);
  // A split changes what the worker's other tests read of the demo's villages.
  const mine = await own(4, 'split');
  const page = await mine.phone();
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await hydrated(page);
  const form = page.locator('details.split-place');
  await form.locator('summary').click();
  const village = (await form.locator('#split-unit option').first().textContent()) ?? '';
  const before = await page.locator('li.place').count();

  // One name is not a split: explained next to the field, after the confirmation.
  await form.getByLabel('Tên các nơi mới (mỗi dòng một tên)').fill(`${village} Bắc`);
  await form.getByRole('button', { name: 'Chia tách' }).click();
  await expect(form.getByRole('status')).toContainText('không hoàn tác được');
  await form.getByRole('button', { name: 'Xác nhận chia tách' }).click();
  await expect(form.locator('#names-error')).toHaveText('Vui lòng nhập trường này.');

  await form.getByLabel('Tên các nơi mới (mỗi dòng một tên)').fill(`${village} Bắc\n${village} Nam`);
  await form.getByRole('button', { name: 'Chia tách' }).click();
  await form.getByRole('button', { name: 'Xác nhận chia tách' }).click();
  await expect(page.locator('p.notice', { hasText: 'Đã chia tách' })).toHaveText(`Đã chia tách: ${village} → ${village} Bắc, ${village} Nam`);
  await expect(page.locator('li.place')).toHaveCount(before + 2);
  const old = page.locator('li.place').filter({ has: page.getByRole('heading', { name: village, exact: true }) });
  await expect(old).toHaveAttribute('data-active', 'false');
  await old.getByRole('button', { name: 'Lịch sử thay đổi' }).click();
  await expect(old.locator('ol.history > li').first()).toContainText(`Tách thành: ${village} Bắc, ${village} Nam`);
});
