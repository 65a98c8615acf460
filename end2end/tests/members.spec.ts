import { test, expect, type Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';
import { COMMUNE_POLICE, PASSWORD, PROVINCE_POLICE, hydrated, signIn } from './helpers';

/** A bearer token for a demo account, for setting the scene through the API. */
async function token(request: APIRequestContext, phone: string): Promise<string> {
  const r = await request.post('/api/v1/auth/token', { data: { phone, password: PASSWORD } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

/** A new village of the police's commune and an empty team over it; returns the team's id. */
async function emptyTeam(request: APIRequestContext, tag: string): Promise<number> {
  const auth = { Authorization: `Bearer ${await token(request, COMMUNE_POLICE)}` };
  const me = await (await request.get('/api/v1/me', { headers: auth })).json();
  const commune = me.roles.find((r: { role: string }) => r.role === 'commune_police').commune_id;
  const village = await request.post(`/api/v1/units/${commune}/children`, {
    headers: auth,
    data: { kind: 'village', name: `Thôn Mới ${tag}`, valid_from: '2025-07-01' },
  });
  expect(village.status()).toBe(201);
  const team = await request.post(`/api/v1/units/${commune}/teams`, {
    headers: auth,
    data: {
      name: `Tổ bảo vệ ANTT thôn Mới ${tag}`,
      kind: 'security_order',
      member_quota: 5,
      operating_since: '2025-08-01',
      village_ids: [(await village.json()).id],
    },
  });
  expect(team.status()).toBe(201);
  return (await team.json()).id;
}

/**
 * A commune that starts empty (no village, no team), opened by the province police, and
 * its first officer, who has chosen their own password: returns how they sign in.
 */
async function emptyCommune(request: APIRequestContext, tag: string): Promise<{ phone: string; password: string }> {
  const auth = { Authorization: `Bearer ${await token(request, PROVINCE_POLICE)}` };
  const me = await (await request.get('/api/v1/me', { headers: auth })).json();
  const province = me.roles.find((r: { role: string }) => r.role === 'province_police').province_id;
  const commune = await request.post(`/api/v1/units/${province}/children`, {
    headers: auth,
    data: { kind: 'commune', name: `Xã Trống ${tag}`, valid_from: '2025-07-01' },
  });
  expect(commune.status()).toBe(201);
  const phone = `096${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const added = await request.post(`/api/v1/units/${(await commune.json()).id}/police`, {
    headers: auth,
    data: { phone, full_name: `Thượng úy Mới ${tag}` },
  });
  expect(added.status()).toBe(201);
  const first = (await added.json()).password.password;
  const signed = await request.post('/api/v1/auth/token', { data: { phone, password: first } });
  const own = { Authorization: `Bearer ${(await signed.json()).token}` };
  const password = 'cong-an-xa-moi-1';
  const changed = await request.put('/api/v1/me/password', {
    headers: own,
    data: { current_password: first, new_password: password },
  });
  expect(changed.status()).toBe(204);
  return { phone, password };
}

type Person = { name: string; born: string; position: 'leader' | 'deputy' | 'member'; phone: string };

/** Fills the member form with what the law asks (schooling, a year's residence, an area). */
async function fillMember(page: Page, p: Person) {
  await page.getByLabel('Họ và tên').fill(p.name);
  await page.getByLabel('Ngày sinh').fill(p.born);
  await page.getByLabel('Giới tính').selectOption('male');
  await page.getByLabel('Nơi cư trú').fill('Thôn Mới');
  await page.getByLabel('Cư trú tại địa bàn từ ngày').fill('2015-05-01');
  await page.getByLabel('Số điện thoại').fill(p.phone);
  await page.getByLabel('Trình độ học vấn').selectOption('lower_secondary');
  await page.getByLabel('Chức danh').selectOption(p.position);
  await page.getByLabel('Nguồn').selectOption('newly_selected');
  await page.getByLabel('Địa bàn phụ trách').selectOption({ index: 1 });
}

test('the police of a commune that starts empty found its first village and team, fill it, and a new member changes the first password and logs a patrol; one leaves', async ({ own }) => {
  test.setTimeout(150_000);
  const tag = Date.now().toString(36);
  const n = Date.now() % 100000;
  const phone = (i: number) => `097${String(n).padStart(5, '0')}${i}0`;
  // A commune of its own would change what the worker's other tests count.
  const mine = await own(8, 'empty');
  const page = await mine.phone();
  const officer = await emptyCommune(page.request, tag);
  await signIn(page, officer.phone, officer.password);
  await expect(page).toHaveURL(/\/$/);

  // Nothing yet: the first village, then the first team over it.
  await page.getByRole('link', { name: 'Thôn, tổ dân phố' }).click();
  await hydrated(page);
  await expect(page.locator('li.place')).toHaveCount(0);
  await page.getByLabel('Tên', { exact: true }).fill(`Thôn Mới ${tag}`);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator('main p.notice')).toHaveText(`Đã thêm. Thôn Mới ${tag}`);
  await page.getByRole('link', { name: 'Thêm tổ' }).click();
  await expect(page).toHaveURL(/\/units\/\d+\/teams\/new$/);
  await hydrated(page);
  await page.getByLabel('Tên tổ').fill(`Tổ bảo vệ ANTT thôn Mới ${tag}`);
  await page.getByLabel('Số thành viên theo định mức').fill('5');
  await page.getByLabel(`Thôn Mới ${tag}`).check();
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page).toHaveURL(/\/teams\/\d+$/);
  const teamId = page.url().match(/\/teams\/(\d+)$/)![1];
  await hydrated(page);
  await expect(page.locator('section.warnings li')).toHaveText([
    'Chưa có tổ trưởng', 'Chưa có tổ phó', 'Mới có 0 thành viên, cần ít nhất 3',
  ]);
  // The commune's list of teams on the home screen says it too, worst first.
  await page.goto('/');
  await expect(page.locator(`a.card[data-team-id="${teamId}"] .structure`)).toHaveText('Chưa có tổ trưởng (+2)');
  await page.goto(`/teams/${teamId}`);
  await hydrated(page);

  // The leader is 72: refused until the chairman's approval is recorded.
  await page.getByRole('link', { name: 'Thêm thành viên' }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${teamId}/members/new$`));
  await hydrated(page);
  await fillMember(page, { name: `Cụ Trưởng ${tag}`, born: '1954-01-01', position: 'leader', phone: phone(1) });
  await page.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(page.locator('#date_of_birth-error')).toContainText('Trên 70 tuổi chỉ được tham gia khi Chủ tịch UBND xã đồng ý');
  await page.getByLabel('Người chấp thuận').fill('Chủ tịch UBND xã Lê Văn Hùng');
  await page.getByLabel('Số văn bản chấp thuận').fill('45/QĐ-UBND');
  await page.getByLabel('Ngày chấp thuận').fill('2025-07-20');
  await page.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã thêm thành viên: Cụ Trưởng ${tag}`);

  // Four more: a deputy and three members. The deputy's first password is kept for later.
  let deputyPassword = '';
  const others: Person[] = [
    { name: `Phó ${tag}`, born: '1980-02-02', position: 'deputy', phone: phone(2) },
    { name: `Viên Một ${tag}`, born: '1985-03-03', position: 'member', phone: phone(3) },
    { name: `Viên Hai ${tag}`, born: '1990-04-04', position: 'member', phone: phone(4) },
    { name: `Viên Ba ${tag}`, born: '1995-05-05', position: 'member', phone: phone(5) },
  ];
  for (const p of others) {
    await page.goto(`/teams/${teamId}/members/new`);
    await hydrated(page);
    await fillMember(page, p);
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    await expect(page.getByRole('status')).toContainText(`Đã thêm thành viên: ${p.name}`);
    if (p.position === 'deputy') {
      deputyPassword = (await page.locator('strong.secret').textContent()) ?? '';
    }
  }
  expect(deputyPassword).toMatch(/^[a-z2-9]{10}$/);

  // With a leader, a deputy and five members, the team's make-up lacks nothing.
  await page.goto(`/teams/${teamId}`);
  await hydrated(page);
  await expect(page.locator('section.warnings')).toHaveCount(0);
  await expect(page.locator('.roster-row')).toHaveCount(5);
  await expect(page.locator('.roster-row', { hasText: `Phó ${tag}` })).toContainText('Phụ trách: Thôn Mới');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.goto('/');
  await expect(page.locator(`a.card[data-team-id="${teamId}"]`)).toBeVisible();
  await expect(page.locator(`a.card[data-team-id="${teamId}"] .structure`)).toHaveCount(0);
  await page.goto(`/teams/${teamId}`);
  await hydrated(page);

  // The deputy signs in with the first password, must choose their own, then logs a patrol.
  const deputy = await mine.phone();
  await signIn(deputy, phone(2), deputyPassword);
  await expect(deputy).toHaveURL(/\/account\/password$/);
  await hydrated(deputy);
  await expect(deputy.getByRole('status')).toContainText('hãy đặt mật khẩu của riêng bạn');
  await deputy.getByLabel('Mật khẩu hiện tại').fill(deputyPassword);
  await deputy.getByLabel('Mật khẩu mới', { exact: true }).fill('pho-tu-dat-1');
  await deputy.getByLabel('Nhập lại mật khẩu mới').fill('pho-tu-dat-1');
  await deputy.getByRole('button', { name: 'Lưu' }).click();
  await expect(deputy.getByRole('status')).toContainText('Đã đổi mật khẩu');
  await deputy.goto('/');
  await deputy.locator('a.log-action').first().click();
  await hydrated(deputy);
  await deputy.locator('a.kind[data-kind="patrol"]').click();
  await deputy.getByLabel('Tình hình ghi nhận').fill(`Tuần tra đầu tiên ${tag}`);
  await deputy.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(deputy).toHaveURL(/\/records\/[0-9a-f-]{36}$/);

  // A member leaves at their own request; their page says so and the team lists four.
  await page.locator('.roster-row a', { hasText: `Viên Ba ${tag}` }).click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await hydrated(page);
  await page.getByLabel('Lý do (Điều 17 Luật số 30/2023/QH15)').selectOption('own_request');
  await page.getByLabel('Ghi chú').fill('Chuyển đi nơi khác');
  await page.getByRole('button', { name: 'Cho thôi tham gia' }).click();
  await expect(page.getByRole('status').first()).toContainText('Đã thôi tham gia từ ngày');
  await expect(page.locator('ol.history > li').first()).toContainText('Thôi tham gia');
  await expect(page.locator('ol.history > li').first()).toContainText('Lý do (Điều 17 Luật số 30/2023/QH15): (trống) → Tự nguyện xin thôi');
  await page.goto(`/teams/${teamId}`);
  await expect(page.locator('.roster-row')).toHaveCount(4);
});

test('the commune police replace a member in one step: the leaving and the newcomer together', async ({ page, request }) => {
  // Many screens one after the other: on a busy machine this takes longer than the default.
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const n = Date.now() % 100000;
  const teamId = await emptyTeam(request, `T${tag}`);
  const auth = { Authorization: `Bearer ${await token(request, COMMUNE_POLICE)}` };
  const added = await request.post(`/api/v1/teams/${teamId}/members`, {
    headers: auth,
    data: {
      member: {
        full_name: `Người Cũ ${tag}`, date_of_birth: '1970-01-01', residence: 'Thôn Mới',
        resident_since: '2000-01-01', position: 'member', education: 'lower_secondary',
      },
      joined_on: '2025-08-01',
    },
  });
  expect(added.status()).toBe(201);
  const leaving = (await added.json()).member.id;

  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  // To the member's page through their team, inside the app (see docs/BENCHMARKS.md on
  // a direct load of a member's page that once never finished loading in a full run).
  await page.goto(`/teams/${teamId}`);
  await hydrated(page);
  await page.locator('.roster-row a.card-title', { hasText: `Người Cũ ${tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`/members/${leaving}$`));
  await page.getByRole('link', { name: 'Thay thế thành viên' }).click();
  await expect(page).toHaveURL(new RegExp(`/members/${leaving}\\?replace$`));
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thay thế thành viên');

  // Without a reason nothing is written, the newcomer's fields as typed.
  await fillMember(page, { name: `Người Mới ${tag}`, born: '1992-06-06', position: 'member', phone: `096${String(n).padStart(5, '0')}77` });
  await page.getByRole('button', { name: 'Ghi nhận thay thế' }).click();
  await expect(page.locator('#reason-error')).toBeVisible();
  await page.getByLabel("Lý do (Điều 17 Luật số 30/2023/QH15)").selectOption("health");
  await page.getByRole('button', { name: 'Ghi nhận thay thế' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã thêm thành viên: Người Mới ${tag}`);
  await expect(page.locator('strong.secret')).toHaveText(/^[a-z2-9]{10}$/);

  await page.goto(`/teams/${teamId}`);
  await hydrated(page);
  await expect(page.locator('.roster-row')).toHaveCount(1);
  await expect(page.locator('.roster-row')).toContainText(`Người Mới ${tag}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The one replaced has left, for the reason chosen.
  const gone = await (await request.get(`/api/v1/members/${leaving}`, { headers: auth })).json();
  expect(gone.leave_reason).toBe('health');
  expect(gone.left_on).not.toBeNull();
});

test('the commune police move a member to another team from a day; the old team keeps its months', async ({ own }) => {
  test.setTimeout(60_000);
  // Moving a demo member would change what the worker's other tests count.
  const mine = await own(9, 'transfer');
  const page = await mine.phone();
  await signIn(page, COMMUNE_POLICE);
  await expect(page).toHaveURL(/\/$/);
  const cards = page.locator('section[data-role="commune_police"] a.card');
  const target = (await cards.nth(1).locator('.card-title').textContent()) ?? '';
  await cards.first().click();
  await hydrated(page);
  const row = page.locator('.roster-row', { hasText: 'Tổ viên' }).first();
  const name = ((await row.locator('a').first().textContent()) ?? '').trim();
  await row.locator('a').first().click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await hydrated(page);
  const before = page.url();

  // A day to come is refused next to the field.
  await page.getByLabel('Tổ mới', { exact: true }).selectOption({ label: target });
  await page.getByLabel('Ngày sang tổ mới').fill('2999-01-01');
  await page.getByRole('button', { name: 'Chuyển sang tổ khác' }).click();
  await expect(page.locator('#from-error')).toHaveText('Ngày không được ở tương lai.');

  await page.getByLabel('Ngày sang tổ mới').fill(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }));
  await page.getByRole('button', { name: 'Chuyển sang tổ khác' }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.locator('p.lead')).toHaveText(target);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

  // Their entry in the old team ended the day before, as a move (read through the API
  // with the page's own session).
  const old = await page.request.get(`/api/v1/members/${before.match(/\/members\/(\d+)$/)![1]}`);
  expect(old.status()).toBe(200);
  const entry = await old.json();
  expect(entry.leave_reason).toBe('transferred');
  expect(entry.left_on).not.toBeNull();
});
