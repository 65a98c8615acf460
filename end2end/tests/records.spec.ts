import { test, expect, type Page } from './fixtures';
import { LEADER, MEMBER, COMMUNE_POLICE, hydrated, signIn } from './helpers';

// A member of another team in the same commune (thôn 02 of Xã Quảng Trạch).
const OTHER_TEAM_MEMBER = '0910102003';

// A 4×3 PNG: small, but a real picture the phone must decode and redraw as JPEG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4IScHRww4OQD1xwwxB+utmQAAAABJRU5ErkJggg==',
  'base64',
);

/** What the member types for each kind, beyond the defaults the form fills in. */
type Filler = (page: Page, tag: string) => Promise<void>;
const KINDS: Array<[string, string, Filler]> = [
  ['patrol', 'Tuần tra, canh gác', async (p, tag) => {
    await p.getByLabel('Tình hình ghi nhận').fill(`Tuần tra yên tĩnh ${tag}`);
  }],
  ['incident', 'Vụ việc ANTT', async (p, tag) => {
    await p.getByLabel('Loại vụ việc').selectOption('theft');
    await p.getByLabel('Địa điểm').fill(`Nhà văn hóa ${tag}`);
    await p.getByLabel('Ngăn chặn').check();
  }],
  ['tip_off', 'Tin báo của người dân', async (p, tag) => {
    await p.getByLabel('Loại vụ việc').selectOption('drugs');
    await p.getByLabel('Nội dung tin báo').fill(`Nghi mua bán ma túy ${tag}`);
    await p.getByLabel('Họ tên người báo tin').fill(`Bà Hạnh ${tag}`);
  }],
  ['good_deed', 'Việc tốt', async (p, tag) => {
    await p.getByLabel('Việc đã làm').fill(`Sửa mái nhà cụ Hoa ${tag}`);
    await p.locator('input[data-photo="gallery"]').setInputFiles({ name: 'mai-nha.png', mimeType: 'image/png', buffer: PNG });
    await expect(p.locator('.thumb')).toHaveCount(1);
  }],
  ['mediation', 'Hòa giải mâu thuẫn', async (p, tag) => {
    await p.getByLabel('Ghi chú').fill(`Tranh chấp ranh giới ${tag}`);
  }],
  ['awareness', 'Tuyên truyền', async (p, tag) => {
    await p.getByLabel('Nội dung', { exact: true }).fill(`Phòng chống ma túy ${tag}`);
    await p.getByLabel('Số người dự').fill('35');
  }],
  ['household_info', 'Thông tin hộ khẩu, cư trú', async (p, tag) => {
    await p.getByLabel('Số thông tin nắm được').fill('6');
    await p.getByLabel('Số đã cung cấp cho Công an').fill('6');
    await p.getByLabel('Ghi chú').fill(`Hộ mới chuyển đến ${tag}`);
  }],
  ['reintegration', 'Giúp người chấp hành xong án', async (p, tag) => {
    await p.getByLabel('Người được giúp đỡ').fill(`Anh T. ${tag}`);
  }],
  ['weapons_hand_in', 'Vận động giao nộp vũ khí', async (p, tag) => {
    await p.getByLabel('Số vũ khí, vật liệu nổ, công cụ hỗ trợ').fill('1');
    await p.getByLabel('Mô tả').fill(`Dao tự chế ${tag}`);
  }],
  ['business_check', 'Kiểm tra cơ sở kinh doanh có điều kiện', async (p, tag) => {
    await p.getByLabel('Cơ sở kinh doanh').fill(`Nhà nghỉ Hoa Mai ${tag}`);
  }],
  ['meeting', 'Họp tổ', async (p, tag) => {
    await p.getByLabel('Nội dung đã thống nhất').fill(`Phân công trực Tết ${tag}`);
  }],
  ['training', 'Tập huấn, diễn tập', async (p, tag) => {
    await p.getByLabel('Nội dung', { exact: true }).fill(`Sơ cứu ${tag}`);
  }],
  ['model', 'Mô hình phong trào', async (p, tag) => {
    await p.getByLabel('Tên mô hình').fill(`Camera an ninh ${tag}`);
    await p.getByLabel('Được công nhận bởi (Công an huyện trở lên)').fill('Công an tỉnh');
    await p.getByLabel('Đang phát huy hiệu quả').check();
  }],
];

async function openLog(page: Page) {
  await page.goto('/');
  await page.locator('section[data-role="member"] a.log-action').click();
  await expect(page.getByRole('heading', { name: 'Ghi nhật ký' })).toBeVisible();
  await hydrated(page);
}

test('a member logs every kind, one with a photo; the leader sees them, another team does not', async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = `e2e${Date.now().toString(36)}`;
  const member = await browser.newPage();
  await signIn(member, MEMBER);
  await expect(member).toHaveURL(/\/$/);

  let teamPath = '';
  for (const [kind, label, fill] of KINDS) {
    await openLog(member);
    teamPath = new URL(member.url()).pathname.replace(/\/log$/, '');
    await member.locator(`a.kind[data-kind="${kind}"]`).click();
    await expect(member.getByRole('heading', { name: label })).toBeVisible();
    await fill(member, tag);
    await member.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(member).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
    await expect(member.getByRole('heading', { name: label })).toBeVisible();
  }

  // The good deed's photo went up after the record, shrunk to a JPEG, and comes back.
  await member.goto(`${teamPath}/records?kind=good_deed`);
  await member.locator('a.record-card', { hasText: tag }).click();
  const photo = member.locator('.record-photos img');
  await expect(photo).toHaveCount(1);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);

  // The team feed has all thirteen.
  await member.goto(`${teamPath}/records`);
  await expect(member.locator('a.record-card', { hasText: tag })).toHaveCount(13);

  // The leader of the team sees them, but not who gave the tip.
  const leader = await browser.newPage();
  await signIn(leader, LEADER);
  await expect(leader).toHaveURL(/\/$/);
  await leader.goto(`${teamPath}/records`);
  await expect(leader.locator('a.record-card', { hasText: tag })).toHaveCount(13);
  await leader.locator('a.record-card[data-kind="tip_off"]', { hasText: tag }).click();
  await expect(leader.getByText(`Nghi mua bán ma túy ${tag}`).first()).toBeVisible();
  await expect(leader.getByText(`Bà Hạnh ${tag}`)).toHaveCount(0);

  // The commune police do see the informant.
  const police = await browser.newPage();
  await signIn(police, COMMUNE_POLICE);
  await expect(police).toHaveURL(/\/$/);
  await police.goto(leader.url());
  await expect(police.getByText(`Bà Hạnh ${tag}`)).toBeVisible();
  // ... and they judge whether it was of value.
  await hydrated(police);
  await police.getByLabel('Tin có giá trị').check();
  await police.getByLabel('Kết quả xác minh, xử lý').fill(`Đã xác minh ${tag}`);
  await police.getByRole('button', { name: 'Lưu đánh giá' }).click();
  await expect(police.locator('.record-facts')).toContainText(`Đã xác minh ${tag}`);
  await expect(police.locator('.record-facts')).toContainText('Tin có giá trị');
  // The leader cannot assess.
  await leader.reload();
  await expect(leader.locator('.record-facts')).toContainText('Tin có giá trị');
  await expect(leader.getByRole('button', { name: 'Lưu đánh giá' })).toHaveCount(0);

  // A member of another team is refused the feed and finds none of it in their own.
  const other = await browser.newPage();
  await signIn(other, OTHER_TEAM_MEMBER);
  await expect(other).toHaveURL(/\/$/);
  await other.goto(`${teamPath}/records`);
  await expect(other.getByText('Bạn không có quyền xem hoặc thay đổi nội dung này.')).toBeVisible();
  await other.goto('/');
  await other.locator('section[data-role="member"] a', { hasText: 'Hoạt động của tổ' }).click();
  await expect(other.getByRole('heading', { name: 'Hoạt động của tổ' })).toBeVisible();
  await expect(other.locator('a.record-card', { hasText: tag })).toHaveCount(0);
});

test('a broken rule is explained next to its field and nothing is saved', async ({ page }) => {
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await openLog(page);
  const teamPath = new URL(page.url()).pathname.replace(/\/log$/, '');
  await page.locator('a.kind[data-kind="incident"]').click();
  await hydrated(page);
  await page.getByLabel('Loại vụ việc').selectOption('fire');
  await page.getByLabel('Địa điểm').fill('Cháy rơm lỗi giờ');
  const occurred = await page.getByLabel('Xảy ra lúc').inputValue();
  const earlier = new Date(Date.parse(`${occurred}:00+07:00`) - 3600_000);
  const local = new Date(earlier.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
  await page.getByLabel('Tổ có mặt lúc').fill(local);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('#arrived_at-error')).toHaveText('Thời điểm có mặt không thể trước khi vụ việc xảy ra.');
  await expect(page.getByLabel('Tổ có mặt lúc')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/log\/incident$/);
  await page.goto(`${teamPath}/records?kind=incident`);
  await expect(page.locator('a.record-card', { hasText: 'Cháy rơm lỗi giờ' })).toHaveCount(0);
});

test('a patrol starts with one tap, records its route, and ends with another', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 16.75, longitude: 107.18 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await openLog(page);
  await page.getByRole('button', { name: 'Bắt đầu tuần tra ngay' }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Đang tuần tra').first()).toBeVisible();
  await hydrated(page);
  await expect(page.locator('[data-track-points]')).toHaveText('1');
  // About 55 m north: a second point on the route.
  await context.setGeolocation({ latitude: 16.7505, longitude: 107.18 });
  await expect(page.locator('[data-track-points]')).toHaveText('2');
  await page.getByRole('button', { name: 'Kết thúc tuần tra' }).click();
  await expect(page.getByRole('button', { name: 'Kết thúc tuần tra' })).toHaveCount(0);
  await expect(page.locator('.record-facts')).toContainText('Số điểm lộ trình');
  await expect(page.locator('.record-facts')).toContainText('Thời lượng');
  await context.close();
});

test('an edit is saved over the version it began from and shows in the history', async ({ page }) => {
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await openLog(page);
  await page.locator('a.kind[data-kind="business_check"]').click();
  await hydrated(page);
  const tag = `sua${Date.now().toString(36)}`;
  await page.getByLabel('Cơ sở kinh doanh').fill(`Karaoke Hoàng Gia ${tag}`);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: 'Sửa' }).click();
  await expect(page.getByRole('heading', { name: 'Sửa bản ghi' })).toBeVisible();
  await hydrated(page);
  await expect(page.getByLabel('Cơ sở kinh doanh')).toHaveValue(`Karaoke Hoàng Gia ${tag}`);
  await page.getByLabel('Phát hiện vi phạm').check();
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  const history = page.locator('.history');
  await expect(history.locator('> li')).toHaveCount(2);
  await expect(history).toContainText('Tạo mới');
  await expect(history.locator('.diff')).toContainText('Phát hiện vi phạm: Không → Có');
});

test('an incident takes the phone\'s position; a tip is marked as passed on with one tap', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 16.75, longitude: 107.18 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/$/);
  await openLog(page);
  await page.locator('a.kind[data-kind="incident"]').click();
  await hydrated(page);
  await page.getByLabel('Loại vụ việc').selectOption('traffic_accident');
  await page.getByLabel('Địa điểm').fill('Ngã ba chợ');
  await page.getByRole('button', { name: 'Lấy vị trí hiện tại' }).click();
  await expect(page.locator('[data-gps-point]')).toHaveText('Vị trí GPS: 16.750000, 107.180000');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  await expect(page.locator('.record-facts')).toContainText('16.750000, 107.180000');

  await openLog(page);
  await page.locator('a.kind[data-kind="tip_off"]').click();
  await hydrated(page);
  await page.getByLabel('Loại vụ việc').selectOption('gambling');
  await page.getByLabel('Nội dung tin báo').fill('Nghi tụ tập đánh bạc sau đình');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  await expect(page.locator('.record-facts')).toContainText('Chưa báo Công an xã');
  await hydrated(page);
  await page.getByRole('button', { name: /Đã báo Công an xã/ }).click();
  await expect(page.getByRole('button', { name: /Đã báo Công an xã/ })).toHaveCount(0);
  await expect(page.locator('.record-facts')).not.toContainText('Chưa báo Công an xã');
  await context.close();
});
