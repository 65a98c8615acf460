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

test('the commune police import a roster file: the check names each bad row, then a clean file goes in once', async ({ own }) => {
  test.setTimeout(60_000);
  // A team of its own would change what the worker's other tests count.
  const mine = await own(6, 'import');
  const page = await mine.phone();
  const tag = Date.now().toString(36);
  const village = `Thôn Nhập ${tag}`;
  const team = `Tổ Nhập ${tag}`;
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/places$/);
  await hydrated(page);
  // The new team's village, added on the same screen.
  await page.getByLabel('Tên', { exact: true }).fill(village);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('main p.notice')).toHaveText(`Đã thêm. ${village}`);

  const section = page.locator('details.import-roster');
  await section.locator('summary').click();
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Tải tệp mẫu' }).click(),
  ]);
  expect(template.suggestedFilename()).toMatch(/^roster-template-\d+\.xlsx$/);

  const phone = (n: number) => `09${Date.now().toString().slice(-7)}${n}`;
  const header = 'Tổ,Họ và tên,Ngày sinh,Chức danh,Trình độ học vấn,Cư trú tại địa bàn từ ngày,Số điện thoại,Địa bàn phụ trách';
  const leader = `${team},Lê Văn Nhập,12/03/1980,Tổ trưởng,9/12,01/01/2000,${phone(1)},${village}`;
  const young = `${team},Lê Thị Trẻ,01/01/2015,Tổ viên,9/12,01/01/2015,${phone(2)},${village}`;
  const file = (rows: string[]) => ({ name: 'to-nhap.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });

  // A member aged 11: the check names the row and the column, and nothing is written.
  await section.getByLabel('Tệp danh sách').setInputFiles(file([leader, young]));
  await section.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(section.getByRole('alert')).toHaveText('Các dòng có lỗi (chưa nhập gì):');
  const bad = section.locator('ol.import-rows > li');
  await expect(bad).toHaveCount(1);
  await expect(bad).toHaveAttribute('data-row', '3');
  await expect(bad).toContainText('Dòng 3');
  await expect(bad).toContainText('Ngày sinh:');

  // Corrected: the check says what will happen, the import does it and shows the first passwords.
  const adult = young.replace('01/01/2015,Tổ viên', '01/01/1995,Tổ viên');
  await section.getByLabel('Tệp danh sách').setInputFiles(file([leader, adult]));
  await section.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(section.locator('.import-result [role="status"]')).toHaveText('2 thành viên mới · 0 thay đổi · 0 không đổi');
  await expect(section.locator('.import-result')).toContainText(`Tổ mới: ${team}`);
  await section.getByRole('button', { name: 'Nhập vào danh sách (2)' }).click();
  await expect(section.locator('.import-result [role="status"]')).toHaveText('Đã nhập danh sách. 2 thành viên mới · 0 thay đổi · 0 không đổi');
  await expect(section.locator('ul.import-accounts > li')).toHaveCount(2);

  // The same file again changes nothing.
  await section.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(section.locator('.import-result [role="status"]')).toHaveText('Danh sách đã như tệp: không có gì thay đổi.');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});
