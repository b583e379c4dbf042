import {
  alertBox,
  confirmCopied,
  expect,
  expectSignedIn,
  PERSONAL_KEYS,
  gotoReady,
  readNewKey,
  setWallet,
  shortAddress,
  signIn,
  test,
} from "./fixtures/test";

test.describe("wallet sign-in", () => {
  test("first sign-in creates the profile and lands on a checklist that ticks itself off", async ({
    page,
    wallet,
    installWallet,
    request,
  }) => {
    test.slow(); // the first call reaches the list after a flush and a poll
    await installWallet();
    await signIn(page);
    await expect(page).toHaveURL(PERSONAL_KEYS);
    await expect(page.getByRole("button", { name: /wallet menu/i })).toContainText(shortAddress(wallet.address));
    const checklist = page.getByRole("region", { name: "Get started" });
    await expect(checklist).toContainText("0 of 3 done");
    await checklist.getByRole("link", { name: "your profile" }).click();
    await expect(page.getByLabel("Name")).toHaveValue("");
    await expect(page.getByText("it is required before you can request an API key")).toBeVisible();

    // Saving the use case says what comes next, at the top of the page, and leads straight to the request form.
    await page.getByLabel("Use case").fill("Escrow payouts for a marketplace");
    await page.getByRole("button", { name: "Update profile" }).click();
    const nudge = page.getByRole("link", { name: "Request your first key →" });
    await expect(nudge).toBeInViewport();
    await nudge.click();
    const form = page.getByRole("dialog", { name: "Request API key" });
    await form.getByRole("button", { name: "Request key" }).click();
    const key = await readNewKey(page);
    await confirmCopied(page);
    await expect(checklist).toContainText("2 of 3 done");
    expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } })).status()).toBe(200);
    await expect(checklist).toBeHidden({ timeout: 25_000 }); // all three done: it goes
  });

  test("signing in again reuses the same profile, and comes back to where it was going", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page, "/settings/profile");
    await page.getByLabel("Name").fill("Returning Rita");
    await page.getByRole("button", { name: "Update profile" }).click();
    await expect(page.getByText("Profile updated.")).toBeVisible();
    await page.context().clearCookies();
    await gotoReady(page, "/teams");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fteams$/);
    await page.getByRole("button", { name: /connect/i }).click();
    await expectSignedIn(page, /\/teams$/);
    await gotoReady(page, "/settings/profile");
    await expect(page.getByLabel("Name")).toHaveValue("Returning Rita");
  });

  test("without Freighter it says how to install it instead of hanging", async ({ page }) => {
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    // No wallet answers, so the list opens; choosing Freighter anyway explains what to do.
    await page
      .getByRole("dialog", { name: "Choose your wallet" })
      .getByRole("button", { name: /^Freighter/ })
      .click();
    const alert = alertBox(page);
    await expect(alert).toContainText("Freighter was not found");
    await expect(alert.getByRole("link", { name: "Get Freighter" })).toHaveAttribute("href", /freighter\.app/);
    await expect(page.getByRole("button", { name: /connect/i })).toBeEnabled();
  });

  test("rejected access is explained and the user can try again", async ({ page, installWallet }) => {
    await installWallet(undefined, { rejectAccess: true });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("You declined to share your address");
    await setWallet(page, { rejectAccess: false });
    await page.getByRole("button", { name: /connect/i }).click();
    await expectSignedIn(page);
  });

  test("a locked wallet is explained", async ({ page, installWallet }) => {
    await installWallet(undefined, { locked: true });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("Freighter is locked");
  });

  test("rejected signature is explained and the user can try again", async ({ page, installWallet }) => {
    await installWallet(undefined, { rejectSign: true });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("You declined to sign");
    await expect(page).toHaveURL(/\/sign-in$/);
    await setWallet(page, { rejectSign: false });
    await page.getByRole("button", { name: /connect/i }).click();
    await expectSignedIn(page);
  });

  test("a wallet on another network is told which networks work", async ({ page, installWallet }) => {
    await installWallet(undefined, { networkPassphrase: "Test SDF Future Network ; October 2022" });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("Freighter is on Futurenet");
    await expect(alertBox(page)).toContainText("switch networks");
  });

  test("a replayed sign-in is refused", async ({ page, installWallet }) => {
    await installWallet();
    // Record the exact request that completed sign-in (the signed challenge).
    const signInPost = page.waitForRequest((r) => r.method() === "POST" && (r.postData() ?? "").includes('"signature"'));
    await signIn(page);
    const original = await signInPost;
    await page.context().clearCookies();

    const replay = await page.request.post(original.url(), {
      headers: await original.allHeaders(),
      data: original.postData() ?? "",
    });
    expect(await replay.text()).toContain("challenge_used");
    await gotoReady(page, "/settings/profile");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fprofile$/);
  });
});
