import type { Page } from "@playwright/test";
import { expectAccessible, expectFitsViewport, watchPage } from "./fixtures/page-checks";
import { confirmCopied, expect, gotoReady, issueKey, issueKeys, readNewKey, signIn, test, VIEWPORTS, walletPage } from "./fixtures/test";
import { adminWallet, freshWallet } from "./fixtures/wallets";

// Every screen at a laptop's and a phone's size, light and dark: nothing outside the
// viewport, zero serious axe violations, no console error.

async function check(page: Page, where: string) {
  await expectFitsViewport(page, where);
  await expectAccessible(page, where);
}

test.describe("screens", () => {
  test.describe.configure({ timeout: 180_000 });

  for (const viewport of VIEWPORTS) {
    test(`a developer's screens fit the ${viewport.name} (${viewport.width}×${viewport.height})`, async ({ browser, request }) => {
      const page = await walletPage(browser, freshWallet(), viewport);
      const health = watchPage(page);
      await gotoReady(page, "/sign-in");
      await check(page, "/sign-in");
      await signIn(page);
      await check(page, "/settings/api-keys (first visit: the checklist)");

      // Keys in every state a list shows: used (with an IP), disabled, rotated, revoked.
      const [used] = await issueKeys(page, "payments-production-eu-west", "crm-sync", "old-indexer");
      expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": used! } })).status()).toBe(200);
      await gotoReady(page, "/settings/api-keys");
      await check(page, "/settings/api-keys");

      await page.getByRole("button", { name: "Request API key" }).click();
      await expect(page.getByRole("dialog", { name: "Request API key" })).toBeVisible();
      await check(page, "the request dialog");
      await page.getByRole("dialog").getByLabel("Key name").fill("one-more");
      await page.getByRole("dialog").getByRole("button", { name: "Request key" }).click();
      await readNewKey(page);
      await check(page, "the show-once dialog");
      await confirmCopied(page);

      await page.getByRole("link", { name: "payments-production-eu-west" }).click();
      await expect(page.getByRole("heading", { name: "payments-production-eu-west" })).toBeVisible();
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await check(page, "the key's own page");

      await gotoReady(page, "/settings/profile");
      await check(page, "/settings/profile (with the use case)");
      // A toast is checked too (#25.7): hovered, so sonner keeps it open while axe runs.
      await page.getByRole("switch", { name: "Save escrows" }).click();
      const toast = page.locator("[data-sonner-toast]").first();
      await toast.hover();
      await check(page, "the profile with a success toast");

      // A team's screens (#25.3, #25.14, #25.17).
      const slug = `screens-${Math.random().toString(36).slice(2, 8)}`;
      await gotoReady(page, "/teams");
      await check(page, "/teams");
      await page.getByLabel("Team name").fill("Screens Team");
      await page.getByLabel("URL name").fill(slug);
      await page.getByRole("button", { name: "Create team" }).click();
      await expect(page).toHaveURL(new RegExp(`/w/${slug}/members$`));
      await page.getByLabel("Stellar address").fill(freshWallet().address);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByTestId("pending-invitation")).toHaveCount(1);
      await page.mouse.move(0, 0);
      for (const path of ["members", "api-keys", "audit", "settings"]) {
        await gotoReady(page, `/w/${slug}/${path}`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await check(page, `/w/${slug}/${path}`);
      }
      expect(health.problems).toEqual([]);
    });

    test(`an admin's screens fit the ${viewport.name} (${viewport.width}×${viewport.height})`, async ({ browser, page, installWallet }) => {
      // A user with a key, so every admin table has rows.
      await installWallet();
      await signIn(page);
      await issueKey(page, "warehouse-sync-staging");

      const admin = await walletPage(browser, adminWallet!, viewport);
      const health = watchPage(admin);
      await signIn(admin);
      for (const path of ["/admin", "/admin/keys", "/admin/users", "/admin/workspaces", "/admin/audit"]) {
        await (path === "/admin" || path === "/admin/workspaces" ? admin.goto(path) : gotoReady(admin, path));
        await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
        await check(admin, path);
      }
      expect(health.problems).toEqual([]);
    });
  }
});
