import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo1234';
export const LEADER = '0910101001';
export const MEMBER = '0910101003';
export const COMMUNE_POLICE = '0900000003';
export const PROVINCE_POLICE = '0900000002';

/** The app marks <body> once the wasm has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

export async function signIn(page: Page, phone: string, password = PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
