import { expect, gotoReady, shortAddress, signIn, test, expectSignedIn } from "./fixtures/test";

test.describe("settings", () => {
  test.beforeEach(async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page, "/settings/profile");
  });

  test("profile: field errors appear next to their fields and nothing is saved", async ({ page }) => {
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill("ada@");
    await page.getByLabel("Phone").fill("12345");
    await page.getByRole("button", { name: "Update profile" }).click();

    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/valid email address/);
    await expect(page.getByLabel("Phone")).toHaveAccessibleDescription(/valid phone number/);
    await expect(page.getByText("Profile updated.")).toHaveCount(0);

    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByLabel("Name")).toHaveValue("");
  });

  test("profile: a valid update is saved, normalised and shown in the wallet menu", async ({ page }) => {
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill("Ada@Example.com");
    await page.getByLabel("Country").selectOption("AR");
    await page.getByLabel("Phone").fill("011 4321-0987");
    await page.getByLabel("Use case").fill("Escrow payouts for a freelance marketplace");
    await page.getByRole("button", { name: "Update profile" }).click();
    await expect(page.getByText("Profile updated.")).toBeVisible();

    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByLabel("Email")).toHaveValue("ada@example.com");
    await expect(page.getByLabel("Phone")).toHaveValue("+541143210987");
    await expect(page.getByLabel("Country")).toHaveValue("AR");
    await expect(page.getByLabel("Use case")).toHaveValue("Escrow payouts for a freelance marketplace");
    await expect(page.getByText("it is required before you can request an API key")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /wallet menu/i })).toContainText("Ada Lovelace");
  });

  test("profile: an uploaded image replaces the generated avatar", async ({ page }) => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    await page.getByLabel("Image").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Update profile" }).click();
    await expect(page.getByText("Profile updated.")).toBeVisible();
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByRole("button", { name: /wallet menu/i }).locator("img")).toHaveAttribute("src", /^data:image\/png;base64,/);
    await expect(page.getByRole("button", { name: "Use generated avatar" })).toBeVisible();
  });

  test("preferences: Save escrows is on by default and the choice persists", async ({ page }) => {
    // A section of the profile, where sign-in lands (#25.14).
    const toggle = page.getByRole("switch", { name: "Save escrows" });
    await expect(toggle).toBeChecked();
    await expect(page.getByText("you must keep track of the escrow ids yourself")).toBeVisible();
    await toggle.click();
    await expect(page.getByText("Escrows will not be indexed.")).toBeVisible();
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByRole("switch", { name: "Save escrows" })).not.toBeChecked();
  });

  test("wallet menu: copy the full address", async ({ page, context, wallet }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const menu = page.getByRole("button", { name: /wallet menu/i });
    await expect(menu).toContainText(shortAddress(wallet.address));
    await menu.click();
    await page.getByRole("menuitem", { name: "Copy address" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Address copied" })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(wallet.address);
  });

  test("wallet menu: Profile opens the profile", async ({ page }) => {
    await gotoReady(page, "/teams");
    await page.getByRole("button", { name: /wallet menu/i }).click();
    await page.getByRole("menuitem", { name: "Profile" }).click();
    await expectSignedIn(page, /\/settings\/profile$/);
  });

  test("wallet menu: disconnect signs out and clears the session", async ({ page }) => {
    await page.getByRole("button", { name: /wallet menu/i }).click();
    await page.getByRole("menuitem", { name: "Disconnect" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    await gotoReady(page, "/settings/profile");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fprofile$/);
  });
});
