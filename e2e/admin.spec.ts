import { randomBytes } from "node:crypto";
import {
  alertBox,
  approveInWallet,
  confirmCopied,
  expect,
  gotoReady,
  issueKey,
  readNewKey,
  signIn,
  signedInPage,
  test,
} from "./fixtures/test";
import { adminWallet } from "./fixtures/wallets";

test.describe("admin access", () => {
  // These tests ask for admin pages on purpose: their 404 is the point.
  test.beforeEach(({ pageHealth }) => pageHealth.allow(/\/admin/, /status of 404/));

  test("a non-admin sees no Admin entry, gets 404 on admin pages and 403 from admin data", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    for (const path of ["/admin", "/admin/keys", "/admin/users", "/admin/audit"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    expect((await page.request.get("/api/admin/keys")).status()).toBe(403);
  });

  test("a signed-out visitor gets 404 on admin pages and 401 from admin data", async ({ page }) => {
    expect((await page.goto("/admin/keys"))?.status()).toBe(404);
    expect((await page.request.get("/api/admin/users")).status()).toBe(401);
  });
});

test.describe("admin console", () => {
  test.skip(!adminWallet, "running against another deployment without E2E_ADMIN_SEED");

  test("an admin disables a key a user just created: the user's call gets 401 and the user sees why", async ({
    page,
    installWallet,
    browser,
    request,
  }) => {
    test.slow(); // two browsers, a key, a reload and the audit log
    const name = `crm-sync-${randomBytes(3).toString("hex")}`;
    await installWallet();
    await signIn(page);
    const key = await issueKey(page, name);
    const whoami = () => request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } });
    expect((await whoami()).status()).toBe(200);

    const admin = await signedInPage(browser, adminWallet!);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Keys" }).click();
    await admin.getByRole("searchbox", { name: "Search keys" }).fill(name);
    const row = admin.getByRole("row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await row.getByRole("switch", { name: `Key ${name} enabled` }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Disable key" }).click();
    await expect(row).toContainText("Disabled by an admin");

    expect((await whoami()).status()).toBe(401);
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Disabled by an admin");

    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
    await admin.getByLabel("Target").fill(key.slice(0, 12));
    await expect(admin.getByRole("row").filter({ hasText: "Disabled key (admin)" })).toHaveCount(1);
    await expect(admin.getByRole("row").filter({ hasText: "Created key" })).toHaveCount(1);
  });

  test("an admin pastes a leaked key, sees whose it is and disables it", async ({ page, installWallet, browser, request }) => {
    test.slow(); // two browsers, a key each and the admin console, as the disable test above
    const name = `leaked-${randomBytes(3).toString("hex")}`;
    await installWallet();
    await signIn(page);
    const key = await issueKey(page, name);

    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/keys");
    await admin.getByLabel("Leaked key").fill("kp_test_notarealkey");
    await admin.getByRole("button", { name: "Find key" }).click();
    await expect(alertBox(admin)).toContainText("not a Keyport key");

    await admin.getByLabel("Leaked key").fill(key);
    await admin.getByRole("button", { name: "Find key" }).click();
    const result = admin.getByTestId("leaked-key-result");
    await expect(result).toContainText(name);
    await expect(admin.getByLabel("Leaked key")).toHaveValue("");
    await result.getByRole("switch", { name: `Key ${name} enabled` }).click();
    await admin.getByRole("dialog").getByLabel("Reason (optional)").fill("Found in a public repository");
    await admin.getByRole("dialog").getByRole("button", { name: "Disable key" }).click();
    await expect(result).toContainText("Disabled by an admin");
    await expect(result).toContainText("Found in a public repository");
    expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } })).status()).toBe(401);
  });

  test("an admin approves Mainnet and grants the admin role", async ({ page, installWallet, wallet, browser }) => {
    test.slow(); // two browsers, a key each and the admin console, as the disable test above
    await installWallet();
    await signIn(page, "/settings/profile");
    const nickname = `Mainnet Mia ${randomBytes(2).toString("hex")}`;
    await page.getByLabel("Name").fill(nickname);
    await page.getByLabel("Use case").fill("Payroll in USDC");
    await page.getByRole("button", { name: "Update profile" }).click();
    await expect(page.getByText("Profile updated.")).toBeVisible();

    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/users");
    await admin.getByRole("searchbox", { name: "Search users" }).fill(wallet.address.slice(0, 12));
    const row = admin.getByRole("row").filter({ hasText: nickname });
    await expect(row).toContainText("Payroll in USDC");
    await row.getByRole("switch", { name: `Mainnet approved for ${nickname}` }).click();
    // Approving Mainnet takes the admin's wallet signature over a receipt naming the workspace.
    expect(await approveInWallet(admin)).toContain("Approve a workspace for Mainnet");
    await expect(row.getByRole("switch", { name: `Mainnet approved for ${nickname}` })).toBeChecked();

    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    await page.getByRole("radio", { name: /Mainnet/ }).check();
    await page.getByLabel("Key name").fill("payroll-prod");
    await page.getByRole("button", { name: "Request key" }).click();
    expect(await approveInWallet(page)).toContain('Key name: "payroll-prod"');
    expect(await readNewKey(page)).toMatch(/^kp_live_/);
    await confirmCopied(page);

    await row.getByRole("switch", { name: `Admin role for ${nickname}` }).click();
    // Handing over every switch of the console takes the admin's signature too.
    expect(await approveInWallet(admin)).toContain(`User: ${wallet.address}`);
    await expect(row.getByRole("switch", { name: `Admin role for ${nickname}` })).toBeChecked();
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  });
});
