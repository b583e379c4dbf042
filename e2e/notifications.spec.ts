import { expectAccessible, expectFitsViewport, watchPage } from "./fixtures/page-checks";
import { expect, gotoReady, signIn, test, VIEWPORTS, walletPage } from "./fixtures/test";

// The profile's "E-mail notifications" card (#27) at a laptop's and a phone's size: without an
// address it says no e-mail is sent and leads to the field; every switch is on by default, flips
// from the keyboard with a toast saying what changed, and stays flipped after a reload. Nothing
// outside the viewport, zero serious axe violations in light and dark, no console error.
test.describe("e-mail notifications", () => {
  test.describe.configure({ timeout: 90_000 });

  for (const viewport of VIEWPORTS) {
    test(`each e-mail has its switch, saved on change, on the ${viewport.name}`, async ({ browser }, testInfo) => {
      const page = await walletPage(browser, undefined, viewport);
      const health = watchPage(page);
      await gotoReady(page, "/sign-in");
      await signIn(page, "/settings/profile");
      const card = page.locator("#notifications");
      await card.scrollIntoViewIfNeeded();
      await expect(card.getByRole("heading", { name: "E-mail notifications" })).toBeVisible();
      await expect(card.getByRole("status")).toContainText("Your profile has no e-mail address, so Keyport sends you no e-mail.");

      const switches = card.getByRole("switch");
      await expect(switches).toHaveCount(6);
      for (const s of await switches.all()) await expect(s).toBeChecked();
      const disabledByAdmin = card.getByRole("switch", { name: "An admin disabled a key" });
      await expect(disabledByAdmin).toHaveAccessibleDescription(/site admin turns off one of your keys/);
      await expectFitsViewport(page, "the notifications card (no address)");
      await expectAccessible(page, "the notifications card (no address)");
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await card.screenshot({ path: testInfo.outputPath(`notifications-${viewport.name}-${colorScheme}.png`), animations: "disabled" });
      }
      await page.emulateMedia({ colorScheme: null });

      // From the keyboard: Space flips the focused switch; a toast says what changed.
      await disabledByAdmin.focus();
      await page.keyboard.press("Space");
      await expect(page.getByText("E-mail turned off: An admin disabled a key.")).toBeVisible();
      await expect(disabledByAdmin).not.toBeChecked();

      // The link leads to the e-mail field; saved there, the card names the address.
      await card.getByRole("link", { name: "Add an e-mail address" }).click();
      await expect(page).toHaveURL(/#email$/);
      await page.getByLabel("Email").fill("ada@example.com");
      await page.getByRole("button", { name: "Update profile" }).click();
      await expect(page.getByText("Profile updated.")).toBeVisible();
      await page.reload();
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await expect(card.getByRole("status")).toHaveCount(0);
      await expect(card).toContainText("What Keyport tells you at ada@example.com.");
      await expect(card.getByRole("switch", { name: "An admin disabled a key" })).not.toBeChecked();
      await expect(card.getByRole("switch", { name: "A key is about to expire" })).toBeChecked();
      await expectFitsViewport(page, "the notifications card");
      await expectAccessible(page, "the notifications card");
      expect(health.problems).toEqual([]);
    });
  }
});
