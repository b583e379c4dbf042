import { reportLeak } from "./fixtures/github-scanning";
import { expectAccessible, expectFitsViewport, watchPage } from "./fixtures/page-checks";
import { confirmCopied, expect, gotoReady, issueKey, pickMenuItem, readNewKey, signIn, test } from "./fixtures/test";

// A key GitHub finds in public: off at once, its owner told where and to rotate, and nobody
// can switch it back on.
test("a leaked key is switched off, its owner sees where it was found, and rotating replaces it", async ({
  page,
  installWallet,
  request,
}) => {
  test.setTimeout(90_000);
  const health = watchPage(page);
  await installWallet();
  await signIn(page);
  const key = await issueKey(page, "billing-sync-prod");
  expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } })).status()).toBe(200);

  const url = "https://github.com/acme/billing/blob/4f2c1e0/config/.env.production";
  const res = await reportLeak(request, [{ token: key, url }]);
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual([expect.objectContaining({ label: "true_positive", token_type: "keyport_api_key" })]);
  await expect.poll(async () => (await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } })).status()).toBe(401);

  await gotoReady(page, "/settings/api-keys");
  const notice = page.getByTestId("leak-notice");
  await expect(notice.getByRole("heading", { name: "A key of yours was found in public" })).toBeVisible();
  await expect(notice).toContainText("billing-sync-prod");
  await expect(notice).toContainText(url);
  await expect(notice).toContainText("Rotate");
  await expect(page.getByRole("row", { name: /billing-sync-prod/ }).getByText("Leaked")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Key billing-sync-prod enabled" })).toBeDisabled();
  await expectFitsViewport(page, "/settings/api-keys with a leaked key");
  await expectAccessible(page, "/settings/api-keys with a leaked key");

  await page.getByRole("link", { name: "billing-sync-prod" }).click();
  await expect(page.getByRole("heading", { name: "billing-sync-prod" })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(page.getByTestId("leak-notice")).toContainText(url);
  await expect(page.getByText("Quarantined leaked key")).toBeVisible();
  await expect(page.getByText("automatically")).toBeVisible();
  await expectAccessible(page, "a leaked key's page");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsViewport(page, "a leaked key's page on a phone");

  // The way out: rotate. The new key works; the leaked one never again.
  await pickMenuItem(page.getByRole("button", { name: "Actions for billing-sync-prod" }), "Rotate");
  await expect(page.getByRole("dialog")).toContainText("The leaked key stays off");
  await page.getByRole("button", { name: "Rotate key" }).click();
  const successor = await readNewKey(page);
  await confirmCopied(page);
  expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": successor } })).status()).toBe(200);
  expect((await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } })).status()).toBe(401);
  expect(health.problems).toEqual([]);
});
