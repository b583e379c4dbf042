import type { Page, Request } from "@playwright/test";
import { addUseCase, confirmCopied, expect, gotoReady, personalKeysPath, pickMenuItem, readNewKey, signIn, test } from "./fixtures/test";

// One route tree for a workspace's keys (/w/<slug>/api-keys, the personal workspace's too), and
// one way to read: pages drawn on the server, polls that GET, mutations whose answer is trusted.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isListPoll = (r: Request) => r.method() === "GET" && new URL(r.url()).pathname === "/api/keys";

async function requestKey(page: Page, name: string) {
  await page.getByRole("button", { name: "Request API key" }).click();
  const form = page.getByRole("dialog", { name: "Request API key" });
  await form.getByLabel("Key name").fill(name);
  await form.getByRole("button", { name: "Request key" }).click();
  await readNewKey(page);
  await confirmCopied(page);
}

test.describe("the keys' one route tree", () => {
  test.beforeEach(async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
  });

  test("sign-in lands on it, and the old personal addresses lead to it: the list, ?request=1 and a key's page", async ({
    page,
    wallet,
  }) => {
    test.slow(); // a sign-in, a profile and a key before the redirects
    const base = personalKeysPath(wallet.address);
    await expect(page).toHaveURL(new RegExp(`${escape(base)}$`));
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" })).toHaveAttribute("href", base);
    await addUseCase(page);

    // The profile's "Request your first key" link: the old address, its query kept, opens the form.
    await gotoReady(page, "/settings/api-keys?request=1");
    await expect(page).toHaveURL(new RegExp(`${escape(base)}\\?request=1$`));
    const form = page.getByRole("dialog", { name: "Request API key" });
    await expect(form).toBeVisible();
    await form.getByLabel("Key name").fill("old-link");
    await form.getByRole("button", { name: "Request key" }).click();
    await readNewKey(page);
    await confirmCopied(page);

    const id = await page.locator("[data-key-id]").filter({ hasText: "old-link" }).getAttribute("data-key-id");
    await gotoReady(page, `/settings/api-keys/${id}`);
    await expect(page).toHaveURL(new RegExp(`${escape(base)}/${id}$`));
    await expect(page.getByRole("heading", { name: "old-link", level: 1 })).toBeVisible();
    await gotoReady(page, "/settings/api-keys");
    await expect(page).toHaveURL(new RegExp(`${escape(base)}$`));
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  });

  test("a key's page reads its usage with GETs: idle past its 10 s poll, it posts no server action", async ({ page }) => {
    test.slow();
    await addUseCase(page);
    await gotoReady(page, "/settings/api-keys");
    await requestKey(page, "idle-page");
    await page.getByRole("link", { name: "idle-page" }).click();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const usage = page.locator("section", { has: page.getByRole("heading", { name: "Usage", exact: true }) });
    // Drawn with the page, not fetched after it.
    await expect(usage.getByTestId("usage-summary")).toHaveText("No requests in the last 24 hours.");

    // Server actions run one at a time per client: a poll that posted one would hold a click behind it.
    const actions: string[] = [];
    const polls: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.url());
      if (r.method() === "GET" && /\/api\/keys\/[^/]+\/usage\?range=24h$/.test(r.url())) polls.push(r.url());
    });
    await page.waitForTimeout(12_000);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(actions).toEqual([]);

    // A click still goes straight out: one action, answered.
    await page.getByRole("switch", { name: "Key idle-page enabled" }).click();
    await expect(page.getByRole("switch", { name: "Key idle-page enabled" })).not.toBeChecked();
    expect(actions).toHaveLength(1);
  });

  test("revoking a key trusts the action's answer: the row and the count change, and the list is not fetched again", async ({ page }) => {
    test.slow();
    await addUseCase(page);
    await gotoReady(page, "/settings/api-keys");
    await requestKey(page, "trusted");
    await expect(page.getByTestId("key-count")).toHaveText(/^1 of \d+ keys used$/);

    const gets: number[] = [];
    page.on("request", (r) => {
      if (isListPoll(r)) gets.push(Date.now());
    });
    // Just after a poll, so the next one is 10 s away.
    await page.waitForRequest(isListPoll, { timeout: 15_000 });
    const polledAt = Date.now();
    const before = gets.length;

    const row = page.locator("[data-key-id]").filter({ hasText: "trusted" });
    await pickMenuItem(row.getByRole("button", { name: "Actions for trusted" }), "Revoke");
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    // The revoked key moves under "Show 1 revoked or expired key", and the count drops, from the answer alone.
    await expect(row).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Show 1 revoked or expired key" })).toBeVisible();
    await expect(page.getByTestId("key-count")).toHaveText(/^0 of \d+ keys used$/);
    // Until just before the next poll: no refetch of the list.
    await page.waitForTimeout(Math.max(0, polledAt + 8_500 - Date.now()));
    expect(gets.length - before).toBe(0);
  });
});
