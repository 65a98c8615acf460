import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';
import { COMMUNE_POLICE, hydrated, signIn } from './helpers';

test('the commune police download their roster as an .xlsx file from their commune\'s places', async ({ page }) => {
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Danh sách thành viên (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^roster-\d+\.xlsx$/);
  const bytes = readFileSync(await download.path());
  // An .xlsx is a zip archive holding the workbook (its cells are read back in the Rust tests).
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
});
