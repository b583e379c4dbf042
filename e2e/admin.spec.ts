import { expect, signIn, test } from "./fixtures/test";
import { adminWallet } from "./fixtures/wallets";

test.describe("admin access", () => {
  test("a non-admin sees no Admin entry and gets 404 on admin pages", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a signed-out visitor gets 404 on admin pages", async ({ page }) => {
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(404);
  });

  test("an address in ADMIN_ADDRESSES sees the Admin entry", async ({ page, installWallet }) => {
    test.skip(!adminWallet, "running against another deployment without E2E_ADMIN_SEED");
    await installWallet(adminWallet!);
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
    await expect(page.getByText("Users")).toBeVisible();
  });
});
