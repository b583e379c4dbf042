import { expectAccessible, expectFitsViewport } from "./fixtures/page-checks";
import { alertBox, expect, gotoReady, shortAddress, test, expectSignedIn } from "./fixtures/test";
import { installStandIn } from "./fixtures/wallet-stand-ins";
import { freshWallet } from "./fixtures/wallets";

// Every wallet runs through the Stellar Wallets Kit's own module; the stand-ins speak each
// wallet's protocol (see e2e/fixtures/wallet-stand-ins.ts and freighter-stub.ts).

/** The POST that completes sign-in, to see which proof the wallet sent. */
function completion(page: import("@playwright/test").Page) {
  return page.waitForRequest(
    (r) => r.method() === "POST" && /"nonce"/.test(r.postData() ?? "") && /"(signature|transaction)"/.test(r.postData() ?? ""),
  );
}

test.describe("every Stellar wallet", () => {
  test("LOBSTR signs the sign-in message and lands signed in", async ({ page, wallet }) => {
    await installStandIn(page, "lobstr", wallet);
    await gotoReady(page, "/sign-in");
    const posted = completion(page);
    await page.getByRole("button", { name: /connect/i }).click();
    await expectSignedIn(page);
    expect((await posted).postData()).toContain('"signature"');
    await expect(page.getByRole("button", { name: /wallet menu/i })).toContainText(shortAddress(wallet.address));
  });

  test("Rabet, which only signs transactions, signs a SEP-10 challenge and is remembered next time", async ({ page, wallet }) => {
    await installStandIn(page, "rabet", wallet);
    await gotoReady(page, "/sign-in");
    const posted = completion(page);
    await page.getByRole("button", { name: /connect/i }).click();
    await expectSignedIn(page);
    expect((await posted).postData()).toContain('"transaction"');
    await expect(page.getByRole("button", { name: /wallet menu/i })).toContainText(shortAddress(wallet.address));

    await page.context().clearCookies();
    await gotoReady(page, "/sign-in");
    await expect(page.getByRole("button", { name: "Connect Rabet" })).toBeEnabled();
  });

  test("a rejected Rabet signature names the wallet and retries", async ({ page, wallet }) => {
    await installStandIn(page, "rabet", wallet, { rejectSign: true });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("You declined to sign the sign-in request in Rabet");
    await page.evaluate(() => (window as unknown as { __wallet: { set: (p: unknown) => void } }).__wallet.set({ rejectSign: false }));
    await page.getByRole("button", { name: "Try again with Rabet" }).click();
    await expectSignedIn(page);
  });

  test("a declined LOBSTR connection names the wallet", async ({ page, wallet }) => {
    await installStandIn(page, "lobstr", wallet, { rejectAccess: true });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    await expect(alertBox(page)).toContainText("approve the connection in LOBSTR");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("with two wallets installed the user picks one from the list", async ({ page, installWallet }) => {
    await installWallet(); // Freighter, with `wallet`
    const other = freshWallet();
    await installStandIn(page, "lobstr", other);
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    const picker = page.getByRole("dialog", { name: "Choose your wallet" });
    await expect(picker.getByRole("button", { name: /^Freighter/ })).toHaveAccessibleDescription(/Detected in this browser/);
    await expect(picker.getByRole("button", { name: /^LOBSTR/ })).toHaveAccessibleDescription(/Detected in this browser/);
    await expect(picker.getByRole("button", { name: /^Albedo/ })).toHaveAccessibleDescription(/signs a sign-in transaction/);
    await expectAccessible(page, "wallet picker");
    await picker.getByRole("button", { name: /^LOBSTR/ }).click();
    await expectSignedIn(page);
    await expect(page.getByRole("button", { name: /wallet menu/i })).toContainText(shortAddress(other.address));
  });

  test("the development Test wallet signs in with a key this browser keeps, labelled wherever it appears", async ({ page }) => {
    test.skip(!!process.env.BASE_URL, "a deployment under test does not offer the development-only wallet (TEST_WALLET)");
    await gotoReady(page, "/sign-in");
    await expect(page.getByRole("status").filter({ hasText: "Development mode" })).toContainText("throwaway key kept in this browser");
    await page.getByRole("button", { name: /connect/i }).click();
    const picker = page.getByRole("dialog", { name: "Choose your wallet" });
    await expect(picker.getByRole("button", { name: /^Test wallet/ })).toHaveAccessibleDescription(/Development only/);
    await picker.getByRole("button", { name: /^Test wallet/ }).click();
    await expectSignedIn(page);
    // The key lives in this browser only (a Stellar secret seed in localStorage).
    const seed = await page.evaluate(() => localStorage.getItem("keyport.test-wallet.secret"));
    expect(seed).toMatch(/^S[A-Z2-7]{55}$/);

    // Signed out and back: the same key, so the same account; the button names the wallet.
    const menu = page.getByRole("button", { name: /wallet menu/i });
    const shown = await menu.textContent();
    await menu.click();
    await page.getByRole("menuitem", { name: "Disconnect" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByRole("button", { name: "Connect Test wallet" }).click();
    await expectSignedIn(page);
    await expect(page.getByRole("button", { name: /wallet menu/i })).toHaveText(shown!);
  });

  test("with no wallet installed the list says what is missing and where to get it", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await gotoReady(page, "/sign-in");
    await page.getByRole("button", { name: /connect/i }).click();
    const picker = page.getByRole("dialog", { name: "Choose your wallet" });
    await expect(picker.getByRole("button", { name: /^Rabet/ })).toHaveAccessibleDescription(/Not installed/);
    await expect(picker.getByRole("link", { name: "Install Freighter" })).toHaveAttribute("href", /freighter\.app/);
    await expect(picker.getByRole("button", { name: /WalletConnect/ })).toHaveCount(0); // no project id configured
    await expectFitsViewport(page, "wallet picker, 390 wide");
    // The list is longer than the phone: it says so until it is scrolled to its end.
    const cue = picker.getByTestId("wallet-scroll-cue");
    await expect(cue).toBeVisible();
    await expect(cue).toContainText("scroll for more");
    await picker.getByRole("list", { name: "Stellar wallets" }).evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
    await expect(cue).toBeHidden();

    await picker.getByRole("button", { name: /^Rabet/ }).click();
    await expect(alertBox(page)).toContainText("Rabet was not found in this browser");
    await expect(alertBox(page).getByRole("link", { name: "Get Rabet" })).toHaveAttribute("href", /rabet\.io/);
  });
});
