import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { approveInWallet, confirmCopied, expect, gotoReady, issueKey, readNewKey, signIn, signedInPage, test } from "./fixtures/test";
import { adminWallet } from "./fixtures/wallets";

const WHY = "Weekly USDC payroll for forty contractors in three countries.";

/** Signs in with a name (to find the row) and a use case (asking needs one), then opens API Keys. */
async function userReady(page: Page, name: string) {
  await signIn(page, "/settings/profile");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Use case").fill("Payroll in USDC");
  await page.getByRole("button", { name: "Update profile" }).click();
  await expect(page.getByText("Profile updated.")).toBeVisible();
  await gotoReady(page, "/settings/api-keys");
  return page.getByRole("region", { name: "Mainnet access" });
}

async function ask(page: Page, justification = WHY) {
  const card = page.getByRole("region", { name: "Mainnet access" });
  await card.getByLabel(/Why you need Mainnet/).fill(justification);
  await card.getByRole("button", { name: /Mainnet access$/ }).click();
  await expect(card.getByTestId("mainnet-status")).toHaveText("Pending");
}

/** The admin's row for that user in the queue of pending requests. */
async function queueRow(admin: Page, address: string, name: string) {
  await expect(admin).toHaveURL(/\/admin\/users\?mainnet=pending/);
  await admin.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(admin.getByRole("combobox", { name: "Mainnet requests" })).toHaveValue("pending");
  await admin.getByRole("searchbox", { name: "Search users" }).fill(address.slice(0, 12));
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(WHY);
  return row;
}

test.describe("Mainnet access requests", () => {
  test.skip(!adminWallet, "running against another deployment without E2E_ADMIN_SEED");

  test("a user asks, an admin approves from the queue, the user sees it and picks Mainnet", async ({
    page,
    installWallet,
    wallet,
    browser,
  }) => {
    test.setTimeout(90_000);
    const name = `Mainnet Max ${randomBytes(2).toString("hex")}`;
    await installWallet();
    const card = await userReady(page, name);
    await expect(card.getByTestId("mainnet-status")).toHaveText("Not requested");

    // The request dialog's greyed-out Mainnet says where things stand and leads to the card.
    await page.getByRole("button", { name: "Request API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Request API key" });
    await expect(dialog.getByRole("radio", { name: /Mainnet/ })).toBeDisabled();
    await expect(dialog.getByTestId("mainnet-status-line")).toContainText("Not requested yet");
    await dialog.getByRole("button", { name: "Ask for Mainnet access" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(card).toBeInViewport();

    // Too short: refused inline, and what was typed stays.
    await card.getByLabel(/Why you need Mainnet/).fill("Payroll");
    await card.getByRole("button", { name: "Request Mainnet access" }).click();
    await expect(card.getByText("at least 20 characters")).toBeVisible();
    await expect(card.getByLabel(/Why you need Mainnet/)).toHaveValue("Payroll");
    await ask(page);
    await expect(card).toContainText(WHY);
    await expect(page.getByText("Request sent")).toBeVisible();

    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin");
    await admin.getByTestId("pending-requests-link").click();
    const row = await queueRow(admin, wallet.address, name);
    await row.getByRole("button", { name: `Approve Mainnet request of ${name}` }).click();
    const confirm = admin.getByRole("dialog", { name: `Approve Mainnet for ${name}?` });
    await expect(confirm).toContainText(WHY);
    await confirm.getByLabel("Note to the user (optional)").fill("Welcome to Mainnet");
    await confirm.getByRole("button", { name: "Approve Mainnet" }).click();
    await approveInWallet(admin);
    await expect(admin.getByText("Approved: they can request Mainnet keys now.")).toBeVisible();
    await expect(row).toHaveCount(0); // no longer pending

    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(card.getByTestId("mainnet-status")).toHaveText("Approved");
    await expect(card).toContainText("Mainnet access approved on");
    await expect(card).toContainText("Welcome to Mainnet");

    await page.getByRole("button", { name: "Request API key" }).click();
    await expect(dialog.getByTestId("mainnet-status-line")).toHaveCount(0);
    await dialog.getByRole("radio", { name: /Mainnet/ }).check();
    await dialog.getByLabel("Key name").fill("payroll-prod");
    await dialog.getByRole("button", { name: "Request key" }).click();
    await approveInWallet(page);
    expect(await readNewKey(page)).toMatch(/^kp_live_/);
    await confirmCopied(page);
  });

  test("a declined request shows the admin's reason, and the user may ask again", async ({ page, installWallet, wallet, browser }) => {
    test.setTimeout(90_000);
    const name = `Declined Dee ${randomBytes(2).toString("hex")}`;
    await installWallet();
    const card = await userReady(page, name);
    await ask(page);

    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/users?mainnet=pending");
    const row = await queueRow(admin, wallet.address, name);
    await row.getByRole("button", { name: `Decline Mainnet request of ${name}` }).click();
    const confirm = admin.getByRole("dialog", { name: `Decline Mainnet for ${name}?` });
    await confirm.getByRole("button", { name: "Decline request" }).click();
    await expect(confirm.getByRole("alert")).toContainText("Say why");
    await confirm.getByLabel("Reason").fill("Tell us which asset you pay out in.");
    await confirm.getByRole("button", { name: "Decline request" }).click();
    await expect(confirm).toHaveCount(0);

    // The API Keys page polls: the decision arrives without a reload.
    await expect(card.getByTestId("mainnet-status")).toHaveText("Declined", { timeout: 20_000 });
    await expect(card).toContainText("Tell us which asset you pay out in.");
    await page.getByRole("button", { name: "Request API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Request API key" });
    await expect(dialog.getByRole("radio", { name: /Mainnet/ })).toBeDisabled();
    await expect(dialog.getByTestId("mainnet-status-line")).toContainText("declined");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await ask(page, `${WHY} Paid in USDC.`);
  });

  test("the overview shows the counts as cards and a chart of keys and sign-ins with its numbers", async ({
    page,
    installWallet,
    browser,
  }) => {
    test.setTimeout(60_000);
    // Today gets at least this user's sign-in and key, and the admin's sign-in.
    await installWallet();
    await signIn(page);
    await issueKey(page, "chart-day");
    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin");
    await expect(admin.getByRole("link", { name: /^Users \d/ })).toBeVisible();
    await expect(admin.locator("dl")).toHaveCount(0);
    const chart = admin.getByRole("figure", { name: "Keys created and sign-ins per day" });
    await expect(chart).toContainText(/Last 30 days: [\d,]+ keys? created and [\d,]+ sign-ins?/);

    // The drawing: two lines (keys created, sign-ins), each through all 30 days.
    const drawing = chart.getByTestId("activity-chart");
    await expect(drawing.locator("svg").first()).toBeVisible();
    const lines = drawing.locator("svg path");
    await expect(lines).toHaveCount(2);
    expect(await lines.evaluateAll((paths) => paths.map((p) => p.dataset.series))).toEqual(["Keys created", "Sign-ins"]);
    for (const d of await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute("d") ?? "")))
      expect(d).toMatch(/^M[\d.]+,[\d.]+(C[\d.,]+){29}$/);

    // The same numbers in the table for screen readers and beside the lines when a day is hovered.
    const table = chart.getByRole("table", { name: /per day/ });
    await expect(table.getByRole("row")).toHaveCount(31); // a header and 30 days
    const now = new Date();
    const today = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(now);
    const cells = table.getByRole("row", { name: new RegExp(`^${today} `) }).getByRole("cell");
    const [keysToday, signInsToday] = (await cells.allTextContents()).map(Number);
    expect(keysToday).toBeGreaterThanOrEqual(1);
    expect(signInsToday).toBeGreaterThanOrEqual(2);
    const day = drawing.locator(`[data-day="${now.toISOString().slice(0, 10)}"]`);
    const details = day.getByTestId("activity-day");
    await expect(details).toBeHidden();
    await day.hover();
    await expect(details.locator("p")).toHaveText([today, `Keys created: ${keysToday}`, `Sign-ins: ${signInsToday}`]);
    await expect(admin.getByRole("region", { name: "Mainnet requests" })).toBeVisible();
  });
});
