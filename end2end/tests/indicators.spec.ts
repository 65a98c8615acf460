import { test, expect } from './fixtures';
import { MEMBER, COMMUNE_POLICE, hydrated, signIn } from './helpers';

test('the commune police read the teams against the targets, and a tip they log counts at once', async ({ page }) => {
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Chỉ tiêu phong trào' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/indicators$/);
  await expect(page.getByRole('heading', { name: 'Chỉ tiêu phong trào' })).toBeVisible();
  // The demo's campaign brings the targets; one row per team of the commune, and the total.
  await expect(page.getByText(/^Phong trào: /)).toBeVisible();
  const rows = page.locator('table.indicators tbody tr');
  await expect(rows).toHaveCount(14);
  await expect(page.locator('table.indicators thead th').nth(1)).toContainText('Mục tiêu: ≥ 80%');

  // The first team's "tips through the force": numerator/denominator before.
  const teamLink = rows.nth(1).locator('th a');
  const teamId = (await teamLink.getAttribute('href'))!.match(/\/teams\/(\d+)\//)![1];
  const tipsCell = rows.nth(1).locator('td').first();
  const [num, den] = (await tipsCell.locator('.detail').innerText()).split('/').map(Number);

  // A tip that reached the police directly, logged by them for that team.
  await page.goto(`/teams/${teamId}/records`);
  await page.getByRole('link', { name: 'Ghi tin báo Công an xã nhận trực tiếp' }).click();
  await expect(page.getByRole('heading', { name: 'Tin báo của người dân' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Loại vụ việc').selectOption('gambling');
  await page.getByLabel('Nội dung tin báo').fill('Người dân gọi thẳng Công an xã báo có đánh bạc');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);

  // It counts in the denominator only: the share that came through the force falls.
  await page.goto('/');
  await page.getByRole('link', { name: 'Chỉ tiêu phong trào' }).click();
  await expect(rows.nth(1).locator('td').first().locator('.detail')).toHaveText(`${num}/${den + 1}`);
  await rows.nth(1).locator('td').first().locator('a').click();
  await expect(page.getByRole('heading', { name: 'Tin báo đến Công an xã qua lực lượng' })).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Chỉ tính vào mẫu số' })).not.toHaveCount(0);
  await expect(page.locator('ul.feed a.card')).toHaveCount(den + 1);

  // Back to the team's months; another period, chosen from the list, with no script needed.
  await page.getByRole('link', { name: 'Quay lại bảng chỉ tiêu' }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${teamId}/indicators`));
  await page.getByLabel('Kỳ').selectOption({ label: 'Cả phong trào' });
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(/period=\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/);
  // The demo campaign began in the month of 120 days ago; months still to come are not shown.
  const vn = new Date(Date.now() + 7 * 3600_000);
  const start = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate()) - 120 * 86400_000);
  const months = (vn.getUTCFullYear() - start.getUTCFullYear()) * 12 + vn.getUTCMonth() - start.getUTCMonth() + 1;
  await expect(rows).toHaveCount(months + 1);
});

test('a member sees their own team month by month, and not the commune', async ({ page }) => {
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await page.locator('section[data-role="member"] a', { hasText: 'Chỉ tiêu phong trào' }).click();
  await expect(page).toHaveURL(/\/teams\/\d+\/indicators$/);
  await expect(page.locator('table.indicators thead th').first()).toHaveText('Tháng');
  await expect(page.locator('table.indicators tbody tr')).toHaveCount(2);
  const quarter = await page.locator('select[name="period"] option', { hasText: 'Quý' }).first().getAttribute('value');
  await page.getByLabel('Kỳ').selectOption(quarter!);
  await page.getByRole('button', { name: 'Xem' }).click();
  // The months of this quarter that have begun, and the total.
  const vn = new Date(Date.now() + 7 * 3600_000);
  await expect(page.locator('table.indicators tbody tr')).toHaveCount((vn.getUTCMonth() % 3) + 2);
});
