// The audit log as an admin uses it: filter by action, export what the filters match as CSV,
// and read it on a laptop and on a phone, in light and dark mode.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expect, gotoReady, issueKey, signIn, signedInPage, test } from "./fixtures/test";
import { adminWallet } from "./fixtures/wallets";

test.skip(!adminWallet, "running against another deployment without E2E_ADMIN_SEED");

/** A user's new key, disabled by the admin with a reason: two events on one key. */
async function keyDisabledByAdmin(page: Page, admin: Page, name: string) {
  await signIn(page);
  await issueKey(page, name);
  await gotoReady(admin, "/admin/keys");
  await admin.getByRole("searchbox", { name: "Search keys" }).fill(name);
  const row = admin.getByRole("row").filter({ hasText: name });
  await row.getByRole("switch", { name: `Key ${name} enabled` }).click();
  await admin.getByRole("dialog").getByLabel("Reason (optional)").fill("Found in a public repository");
  await admin.getByRole("dialog").getByRole("button", { name: "Disable key" }).click();
  await expect(row).toContainText("Disabled by an admin");
}

test("an admin filters the log by action, exports it as CSV and clears the filters", async ({ page, installWallet, browser }) => {
  test.slow(); // two sign-ins and a download
  const name = `audit-${randomBytes(3).toString("hex")}`;
  await installWallet();
  const admin = await signedInPage(browser, adminWallet!);
  await keyDisabledByAdmin(page, admin, name);

  await gotoReady(admin, "/admin/audit");
  await admin.getByLabel("Target").fill(name);
  const rows = admin.getByRole("table", { name: "Audit log" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Created key" })).toContainText("Scopes: escrows:read");

  await admin.getByLabel("Action").selectOption({ label: "Disabled key (admin)" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Disabled key (admin)");
  await expect(rows.first()).toContainText(name);
  await expect(rows.first()).toContainText("Reason: Found in a public repository");
  await expect(rows.first()).toContainText(/kp_test_\w{4}…\w{4}/);

  const downloading = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keyport-audit-\d{4}-\d\d-\d\d\.csv$/);
  const csv = parse(fs.readFileSync(await download.path()), { bom: true, columns: true }) as Record<string, string>[];
  expect(csv).toHaveLength(1);
  expect(csv[0]).toMatchObject({
    Action: "Disabled key (admin)",
    "Action code": "admin.key.disable",
    "Actor address": adminWallet!.address,
    Details: "Reason: Found in a public repository",
  });
  expect(csv[0]?.Target).toMatch(new RegExp(`^${name} · kp_test_\\w{4}…\\w{4}$`));
  await expect(admin.getByText("Downloaded 1 event.")).toBeVisible();

  await admin.getByLabel("Action").selectOption({ label: "Suspended user" });
  await expect(admin.getByText("No events match these filters.")).toBeVisible();
  // The empty state's own button (the filter bar has one too).
  await admin.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(admin.getByLabel("Target")).toHaveValue("");
  await expect(admin.getByLabel("Action")).toHaveValue("");
  await expect(rows.first()).toBeVisible();
});

/** Every visible cell and control of the audit section, and the page itself, within the viewport's width. */
async function outsideViewport(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const section = document.querySelector('section[aria-labelledby="audit"]');
    if (!section) return ["no audit section"];
    const parts = section.querySelectorAll("th, td, li, input, select, button, h2, p");
    const out = [...parts]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.left < 0 || box.right > width + 0.5)
      .map(({ el, box }) => `${el.tagName} "${el.textContent?.slice(0, 30)}" ${Math.round(box.left)}–${Math.round(box.right)} > ${width}`);
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

for (const viewport of [
  { width: 1280, height: 800, shows: "table" },
  { width: 390, height: 844, shows: "cards" },
] as const) {
  test(`the log fits ${viewport.width}×${viewport.height} and passes axe in light and dark mode`, async ({
    page,
    installWallet,
    browser,
  }) => {
    test.slow(); // two sign-ins, then axe twice
    const name = `fit-${randomBytes(3).toString("hex")}-with-a-rather-long-key-name-to-wrap`;
    await installWallet();
    const admin = await signedInPage(browser, adminWallet!);
    await keyDisabledByAdmin(page, admin, name);
    await admin.setViewportSize(viewport);
    await gotoReady(admin, "/admin/audit");
    await admin.getByLabel("Target").fill(name);
    const rows = admin.getByRole("table", { name: "Audit log" }).locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("Disabled key (admin)");
    // A table on a laptop; on a phone each row is a card (a grid), its header row hidden.
    const header = admin.getByRole("table", { name: "Audit log" }).locator("thead");
    if (viewport.shows === "table") await expect(header).toBeVisible();
    else {
      await expect(header).toBeHidden();
      expect(await rows.first().evaluate((tr) => getComputedStyle(tr).display)).toBe("grid");
    }
    for (const colorScheme of ["light", "dark"] as const) {
      await admin.emulateMedia({ colorScheme });
      expect(await outsideViewport(admin), colorScheme).toEqual([]);
      const axe = await new AxeBuilder({ page: admin })
        .include('section[aria-labelledby="audit"]')
        .withTags(["wcag2a", "wcag2aa"])
        .analyze();
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        colorScheme,
      ).toEqual([]);
    }
  });
}
