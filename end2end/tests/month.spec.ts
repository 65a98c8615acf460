import { test, expect, type Page } from './fixtures';
import { COMMUNE_POLICE, hydrated, signIn } from './helpers';

// Thôn Tô Xá of Xã Quảng Trạch: its deputy leader stands in for the leader, and the
// month signed off is last month, so other tests logging today are not affected.
const DEPUTY = '0910102002';
const MEMBER = '0910102003';

/** Last month in Vietnam, as `yyyy-mm`. */
function lastMonth(): string {
  const now = new Date(Date.now() + 7 * 3600_000);
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth(); // 0-based this month = 1-based last month
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

async function teamPath(page: Page): Promise<string> {
  const href = await page.locator('a.log-action').first().getAttribute('href');
  return href!.replace(/\/log$/, '');
}

test('a leader returns a record, the member fixes it, the month is signed off, accepted and reopened', async ({ browser }) => {
  test.setTimeout(120_000);
  const month = lastMonth();
  const tag = `thang${Date.now().toString(36)}`;

  // The member logs a good deed done last month.
  const member = await browser.newPage();
  await signIn(member, MEMBER);
  await expect(member).toHaveURL(/\/$/);
  const team = await teamPath(member);
  await member.goto(`${team}/log/good_deed`);
  await hydrated(member);
  await member.getByLabel('Ngày').fill(`${month}-15`);
  await member.getByLabel('Việc đã làm').fill(`Dọn rác kênh ${tag}`);
  await member.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(member).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  const recordUrl = member.url();

  // The leader finds it in the month and returns it with a comment.
  const leader = await browser.newPage();
  await signIn(leader, DEPUTY);
  await expect(leader).toHaveURL(/\/$/);
  await leader.goto(`${team}/months/${month}`);
  await hydrated(leader);
  await expect(leader.getByRole('heading', { name: 'Sổ tháng của tổ' })).toBeVisible();
  const line = leader.locator('li.review-line', { hasText: tag });
  await expect(line).toHaveAttribute('data-review', 'pending');
  await line.locator('summary', { hasText: 'Trả lại' }).click();
  await line.getByLabel('Cần sửa gì?').fill(`Ghi rõ đoạn kênh ${tag}`);
  await line.getByRole('button', { name: 'Gửi trả lại người ghi' }).click();
  await expect(line).toHaveAttribute('data-review', 'returned');
  await expect(leader.locator('.gaps')).toContainText('bị trả lại chưa được sửa');

  // The member is told on the home screen, opens the record, sees why and fixes it.
  await member.goto('/');
  const notice = member.locator('.notices a', { hasText: `Ghi rõ đoạn kênh ${tag}` });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(member).toHaveURL(recordUrl);
  await expect(member.locator('.returned')).toContainText(`Ghi rõ đoạn kênh ${tag}`);
  await member.getByRole('link', { name: 'Sửa' }).click();
  await expect(member.getByRole('heading', { name: 'Sửa bản ghi' })).toBeVisible();
  await hydrated(member);
  await member.getByLabel('Việc đã làm').fill(`Dọn rác kênh N3 đoạn qua xóm Đông ${tag}`);
  await member.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(member).toHaveURL(recordUrl);
  await expect(member.locator('.returned')).toHaveCount(0);

  // The leader accepts the fixed record and signs the month off with remarks.
  await leader.reload();
  await hydrated(leader);
  await expect(line).toHaveAttribute('data-review', 'pending');
  await line.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(line).toHaveAttribute('data-review', 'accepted');
  await leader.getByLabel('Nhận xét của tổ trưởng').fill(`Tổ duy trì tuần tra đều ${tag}`);
  await leader.getByRole('button', { name: 'Ký và nộp báo cáo tháng' }).click();
  await expect(leader.locator('.month-state')).toHaveAttribute('data-state', 'submitted');
  await expect(leader.locator('.month-state')).toContainText('Đã nộp, chờ Công an xã');
  await expect(leader.locator('.remarks')).toContainText(`Tổ duy trì tuần tra đều ${tag}`);

  // The member can no longer change a record of that month.
  await member.goto(recordUrl);
  await expect(member.locator('.locked')).toContainText('đã được ký nộp');
  await expect(member.getByRole('link', { name: 'Sửa' })).toHaveCount(0);
  await member.goto(`${recordUrl}/edit`);
  await expect(member.getByText('Tháng này đã được tổ trưởng ký nộp').first()).toBeVisible();

  // The commune police see the team's month handed in, and accept it.
  const police = await browser.newPage();
  await signIn(police, COMMUNE_POLICE);
  await expect(police).toHaveURL(/\/$/);
  await police.getByRole('link', { name: 'Báo cáo tháng của các tổ' }).click();
  await expect(police.getByRole('heading', { name: 'Báo cáo tháng của các tổ' })).toBeVisible();
  const row = police.locator(`li.team-month:has(a[href="${team}/months/${month}"])`);
  await expect(row).toHaveAttribute('data-state', 'submitted');
  await row.locator('a.card').click();
  await hydrated(police);
  await police.getByRole('button', { name: 'Tiếp nhận báo cáo' }).click();
  await expect(police.locator('.month-state')).toHaveAttribute('data-state', 'accepted');

  // Reopening needs a reason, said next to the field.
  const reopen = police.locator('form[data-step="reopen"]');
  await police.locator('summary', { hasText: 'Mở lại tháng' }).click();
  await reopen.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(reopen.locator('.field-error')).toHaveText('Vui lòng ghi lý do.');
  await reopen.getByLabel('Lý do').fill(`Bổ sung việc tốt cuối tháng ${tag}`);
  await reopen.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(police.locator('.month-state')).toHaveAttribute('data-state', 'open');

  // The trail shows every step, with who and why.
  const trail = police.locator('.month-trail > li');
  const steps = (await trail.allInnerTexts()).map((t) => t.split(' · ')[0]);
  expect(steps.slice(-6)).toEqual([
    'Trả lại bản ghi',
    'Sửa bản ghi bị trả lại',
    'Duyệt bản ghi',
    'Ký nộp báo cáo tháng',
    'Tiếp nhận báo cáo tháng',
    'Mở lại tháng',
  ]);
  await expect(trail.last()).toContainText(`Bổ sung việc tốt cuối tháng ${tag}`);
  await expect(trail.first()).toContainText(`Ghi rõ đoạn kênh ${tag}`);

  // Open again: the member may edit.
  await member.goto(recordUrl);
  await expect(member.getByRole('link', { name: 'Sửa' })).toBeVisible();
});

/** The month before last in Vietnam, as `yyyy-mm`. */
function monthBeforeLast(): string {
  const [y, m] = lastMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

test('a leader signs the month off with no signal; it is sent once the signal returns', async ({ browser }) => {
  const month = monthBeforeLast();
  const context = await browser.newContext();
  const leader = await context.newPage();
  await signIn(leader, DEPUTY);
  await expect(leader).toHaveURL(/\/$/);
  const team = await teamPath(leader);
  await leader.goto(`${team}/months/${month}`);
  await hydrated(leader);
  await expect(leader.locator('.month-state')).toHaveAttribute('data-state', 'open');
  // The service worker keeps the app's code, for what the step needs with no signal.
  await leader.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await leader.getByLabel('Nhận xét của tổ trưởng').fill('Ký khi mất sóng');
  await leader.getByRole('button', { name: 'Ký và nộp báo cáo tháng' }).click();
  await expect(leader.locator('.kept')).toContainText('đã lưu trên điện thoại');

  // The step waits on the phone, listed with the team's activity, until the signal returns.
  await context.setOffline(false);
  await leader.goto(`${team}/records`);
  await hydrated(leader);
  await expect
    .poll(async () => {
      const r = await leader.request.get(`/api/month/get?team_id=${team.split('/').pop()}&month=${month}`, {
        headers: { Accept: 'application/json' },
      });
      return (await r.json()).state;
    }, { timeout: 20_000 })
    .toBe('submitted');
  await expect(leader.locator('.outbox-entry')).toHaveCount(0);
  await leader.goto(`${team}/months/${month}`);
  await expect(leader.locator('.remarks')).toContainText('Ký khi mất sóng');
  await expect(leader.locator('.month-trail')).toContainText('Ký nộp báo cáo tháng');
  await context.close();
});
