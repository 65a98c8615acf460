import { test, expect } from './fixtures';
import { COMMUNE_POLICE, LEADER, PROVINCE_POLICE, hydrated, signIn } from './helpers';

test('the login page is Vietnamese, server-rendered, and hydrates', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await hydrated(page);
  // Only the hydrated app can reveal the password: this proves the client code runs.
  const password = page.getByLabel('Mật khẩu', { exact: true });
  await password.fill('bí mật');
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Hiện mật khẩu' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Ẩn mật khẩu' })).toBeVisible();
});

test('a leader signs in and sees their team, then signs out', async ({ page }) => {
  await signIn(page, LEADER);
  await expect(page).toHaveURL(/\/$/);
  const section = page.locator('section[data-role="leader"]');
  await expect(section.getByRole('heading', { name: 'Tổ tôi phụ trách' })).toBeVisible();
  await expect(section.getByText('Tổ bảo vệ ANTT thôn Thanh Lương')).toBeVisible();
  await section.getByText('Tổ bảo vệ ANTT thôn Thanh Lương').click();
  await expect(page.getByRole('heading', { name: 'Danh sách tổ viên' })).toBeVisible();
  await expect(page.locator('.roster-row')).toHaveCount(4);
  await expect(page.locator('.roster-row').first()).toContainText('Tổ trưởng');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('commune police see every team of their commune', async ({ page }) => {
  await signIn(page, COMMUNE_POLICE);
  const section = page.locator('section[data-role="commune_police"]');
  await expect(section.getByRole('heading', { name: /Các tổ trong xã: Xã Quảng Trạch/ })).toBeVisible();
  await expect(section.locator('a.card')).toHaveCount(13);
  await section.getByText('Tổ bảo vệ ANTT thôn Tô Xá').click();
  await expect(page.getByRole('heading', { name: 'Tổ bảo vệ ANTT thôn Tô Xá' })).toBeVisible();
  await expect(page.getByText('Ngày sinh').first()).toBeVisible();
});

test('province police see the communes of their province', async ({ page }) => {
  await signIn(page, PROVINCE_POLICE);
  const section = page.locator('section[data-role="province_police"]');
  await expect(section.locator('a.card')).toHaveCount(2);
  await section.getByText('Phường Đông Hà').click();
  await expect(page.locator('section[data-role="commune_police"] a.card')).toHaveCount(4);
});

test('a wrong password is explained next to the field, in Vietnamese', async ({ page }) => {
  await signIn(page, LEADER, 'sai-mat-khau');
  await expect(page.locator('#password-error')).toHaveText('Số điện thoại hoặc mật khẩu không đúng.');
  await expect(page.getByLabel('Mật khẩu', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Số điện thoại').fill('12345');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#phone-error')).toContainText('không phải số điện thoại Việt Nam');
  await expect(page).toHaveURL(/\/login$/);
});

test('English is one tap away and is remembered', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
});

test('an unknown address shows a Vietnamese not-found page', async ({ page }) => {
  const resp = await page.goto('/khong-ton-tai');
  expect(resp?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Về trang chủ' })).toBeVisible();
});
