import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { freighterStub } from "./fixtures/freighter-stub";
import { confirmCopied, expect, gotoReady, issueKey, pickMenuItem, readNewKey, signIn, TESTNET, test } from "./fixtures/test";
import { adminWallet, freshWallet, type TestWallet } from "./fixtures/wallets";

// The README's screenshots, taken from the running app so they never drift from it:
// `npm run screenshots` writes e2e/screenshots/*.png.
const OUT = path.join(__dirname, "screenshots");
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function open(browser: Browser, wallet: TestWallet, viewport: { width: number; height: number }, colorScheme: "light" | "dark") {
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript(freighterStub, { ...wallet, networkPassphrase: TESTNET, rejectAccess: false, rejectSign: false, locked: false });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), animations: "disabled" });

/** The key's own page, whole, once its usage has arrived and the chart is drawn. */
async function keyDetailShot(page: Page, name: string) {
  await gotoReady(page, "/settings/api-keys");
  await page.getByRole("link", { name: "payments-production" }).click();
  const usage = page.locator("section", { has: page.getByRole("heading", { name: "Usage", exact: true }) });
  await expect(usage.getByTestId("usage-summary")).toContainText("rate limited", { timeout: 25_000 });
  await expect(usage.getByTestId("usage-chart").locator("rect[data-outcome]").first()).toBeVisible();
  await page.mouse.move(0, 0); // the pointer left on the link would hover the chart and open its tooltip
  // A phone shows the usage card from its top; a laptop shows the page's top, usage included.
  if (page.viewportSize()!.width < 640) await usage.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await shot(page, name);
}

test("README screenshots", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const developer = freshWallet();
  const page = await open(browser, developer, LAPTOP, "light");
  await gotoReady(page, "/sign-in");
  await shot(page, "sign-in");

  // The wallet list, as a phone without any wallet extension sees it.
  const bare = await (await browser.newContext({ viewport: PHONE, colorScheme: "dark", deviceScaleFactor: 1 })).newPage();
  await gotoReady(bare, "/sign-in");
  await bare.getByRole("button", { name: "See all supported wallets" }).click();
  await expect(bare.getByRole("dialog").getByText(/Checking/)).toHaveCount(0);
  await shot(bare, "wallet-picker-phone");
  await bare.context().close();
  await signIn(page);
  const keys: Record<string, string> = {};
  for (const name of ["payments-production", "crm-sync-staging", "indexer-dev"]) {
    keys[name] = await issueKey(page, name);
    if (name !== "indexer-dev") expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": keys[name] } })).status()).toBe(200);
  }
  await gotoReady(page, "/settings/api-keys");
  await shot(page, "api-keys-light");

  await page.getByRole("button", { name: "Request API key" }).click();
  await page.getByRole("dialog").getByLabel("Key name").fill("webhooks-prod");
  await page.getByRole("dialog").getByRole("button", { name: "Request key" }).click();
  await readNewKey(page);
  await shot(page, "show-once-dialog");
  await confirmCopied(page);
  await page.getByRole("link", { name: "payments-production" }).click();
  await expect(page.getByRole("heading", { name: "payments-production" })).toBeVisible();

  // Some usage to chart: the owner caps the key at 30 a minute, and a burst runs into it.
  await pickMenuItem(page.getByRole("button", { name: "Actions for payments-production" }), "Edit");
  await page.getByRole("dialog").getByLabel("Rate limit (optional)").fill("30");
  await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  for (let i = 0; i < 36; i++) await request.get("/api/v1/whoami", { headers: { "X-API-KEY": keys["payments-production"]! } });
  for (let i = 0; i < 8; i++) await request.get("/api/v1/escrows", { headers: { "X-API-KEY": keys["crm-sync-staging"]! } });
  await keyDetailShot(page, "key-detail");

  const dark = await open(browser, developer, LAPTOP, "dark");
  await signIn(dark);
  await gotoReady(dark, "/settings/api-keys");
  await shot(dark, "api-keys-dark");
  await keyDetailShot(dark, "key-detail-dark");

  const phone = await open(browser, developer, PHONE, "light");
  await signIn(phone);
  await gotoReady(phone, "/settings/api-keys");
  await shot(phone, "api-keys-phone");
  await keyDetailShot(phone, "key-detail-phone");

  const darkPhone = await open(browser, developer, PHONE, "dark");
  await signIn(darkPhone);
  await keyDetailShot(darkPhone, "key-detail-phone-dark");

  const admin = await open(browser, adminWallet!, LAPTOP, "dark");
  await signIn(admin);
  await admin.goto("/admin");
  await admin.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // Scrolled to the bottom: the requests chart and the top keys, under the activity chart.
  await admin.getByTestId("platform-requests-summary").evaluate((el) => el.closest("figure")!.scrollIntoView({ block: "end" }));
  await shot(admin, "admin-overview-dark");
  await gotoReady(admin, "/admin/audit");
  await expect(admin.getByRole("table", { name: "Audit log" }).locator("tbody tr").first()).toBeVisible();
  await shot(admin, "audit-log-dark");
});
