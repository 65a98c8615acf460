import { test, expect } from './fixtures';
import { COMMUNE_POLICE, LEADER, hydrated, signIn } from './helpers';

test('the commune police found a team over a new village, see what its make-up lacks, and edit it', async ({ page }) => {
  const tag = Date.now().toString(36);
  const village = `Thôn Lập ${tag}`;
  const team = `Tổ bảo vệ ANTT thôn Lập ${tag}`;
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);

  // A village first, on the places screen.
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await hydrated(page);
  await page.getByLabel('Tên', { exact: true }).fill(village);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã thêm. ${village}`);

  await page.getByRole('link', { name: 'Thêm tổ' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/teams\/new$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thêm tổ');
  // The demo's villages each have their team already, and say so.
  await expect(page.locator('label.check', { hasText: 'đã có Tổ bảo vệ ANTT' }).first()).toBeVisible();

  // A quota below the law's minimum and no village are explained next to their fields.
  await page.getByLabel('Tên tổ').fill(team);
  await page.getByLabel('Số thành viên theo định mức').fill('2');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('#member_quota-error')).toHaveText('Định mức ít nhất 3 người (tổ dân phòng: 4).');
  await page.getByLabel('Số thành viên theo định mức').fill('5');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('#village_ids-error')).toHaveText('Vui lòng nhập trường này.');

  await page.getByLabel(village).check();
  await page.getByLabel('Số quyết định thành lập').fill('21/QĐ-UBND');
  await page.getByLabel('Ngày quyết định').fill('2025-12-15');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page).toHaveURL(/\/teams\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(team);
  await expect(page.getByText('Quyết định thành lập: 21/QĐ-UBND (15/12/2025)')).toBeVisible();
  const warnings = page.locator('section.warnings li');
  await expect(warnings).toHaveText(['Chưa có tổ trưởng', 'Chưa có tổ phó', 'Mới có 0 thành viên, cần ít nhất 3']);

  // Edited: a people's patrol team needs four, so a quota of three is refused; four is kept.
  await page.getByRole('link', { name: 'Sửa thông tin tổ' }).click();
  await expect(page).toHaveURL(/\/teams\/\d+\/settings$/);
  await hydrated(page);
  await expect(page.getByLabel(village)).toBeChecked();
  await page.getByLabel('Tổ dân phòng', { exact: true }).check();
  await page.getByLabel('Số thành viên theo định mức').fill('3');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('#member_quota-error')).toContainText('tổ dân phòng: 4');
  await page.getByLabel('Số thành viên theo định mức').fill('4');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('p.notice')).toHaveText('Đã lưu.');
  const entries = page.locator('ol.history > li');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Loại tổ: Tổ bảo vệ an ninh, trật tự → Tổ dân phòng');
  await expect(entries.nth(0)).toContainText('Số thành viên theo định mức: 5 → 4');
  await expect(entries.nth(1)).toContainText('Tạo mới · Thượng úy Trần Quốc Việt');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test("a team's leader reads the team but cannot edit its settings", async ({ page }) => {
  await signIn(page, LEADER);
  await expect(page).toHaveURL(/\/$/);
  await page.locator('a.card').first().click();
  await expect(page).toHaveURL(/\/teams\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Sửa thông tin tổ' })).toHaveCount(0);
  await page.goto(page.url() + '/settings');
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền');
});
