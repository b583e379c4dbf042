import { expectAccessible } from "./fixtures/page-checks";
import { addUseCase, confirmCopied, expect, gotoReady, pickMenuItem, readNewKey, signIn, test } from "./fixtures/test";

test.describe("key usage", () => {
  test("25 successful and 5 rate-limited calls show on the key's page within the flush interval", async ({
    page,
    installWallet,
    request,
  }) => {
    test.slow(); // counts are flushed every 5 s and the page polls every 10 s
    await installWallet();
    await signIn(page);
    await addUseCase(page);
    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    const form = page.getByRole("dialog", { name: "Request API key" });
    await form.getByLabel("Key name").fill("usage-check");
    await form.getByRole("button", { name: "Request key" }).click();
    const key = await readNewKey(page);
    await confirmCopied(page);
    // Its owner holds it to 25 a minute: the 26th request on is refused (every new key has the
    // one scope the API checks, so a refusal to count comes from the key's own limit).
    await pickMenuItem(page.getByRole("button", { name: "Actions for usage-check" }), "Edit");
    const edit = page.getByRole("dialog", { name: "Edit usage-check" });
    await edit.getByLabel("Rate limit (optional)").fill("25");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();

    await page.getByRole("link", { name: "usage-check" }).click();
    const usage = page.locator("section", { has: page.getByRole("heading", { name: "Usage", exact: true }) });
    await expect(usage.getByTestId("usage-summary")).toHaveText("No requests in the last 24 hours.");

    const headers = { "X-API-KEY": key };
    for (let i = 0; i < 25; i++) expect((await request.get("/api/v1/whoami", { headers })).status()).toBe(200);
    for (let i = 0; i < 5; i++) expect((await request.get("/api/v1/escrows", { headers })).status()).toBe(429);

    await expect(usage.getByTestId("usage-summary")).toHaveText("30 requests in the last 24 hours: 25 succeeded, 5 rate limited (429).", {
      timeout: 25_000,
    });
    // The drawing (SVG from the server): bars of both outcomes, stacked in this hour's column.
    const chart = usage.getByTestId("usage-chart");
    await expect(chart.locator('rect[data-outcome="success"]').first()).toBeVisible();
    await expect(chart.locator('rect[data-outcome="rate_limited"]').first()).toBeVisible();
    await expect(chart.locator("[data-at]")).toHaveCount(24);
    const latest = usage.getByRole("region", { name: "Latest requests" });
    await expect(latest.getByRole("row").nth(1)).toContainText("GET /api/v1/escrows");
    await expect(latest.getByRole("row").nth(1)).toContainText("429");
    await usage.getByRole("button", { name: "Show all 30 latest requests" }).click();
    await expect(latest.getByRole("row")).toHaveCount(31); // header + 30

    await usage.getByRole("radio", { name: "7 days" }).click();
    await expect(usage.getByTestId("usage-summary")).toHaveText("30 requests in the last 7 days: 25 succeeded, 5 rate limited (429).");
    // Seven days now, and today's column names its numbers when hovered.
    await expect(chart.locator("[data-at]")).toHaveCount(7);
    const today = chart.locator("[data-at]").last();
    const details = today.getByTestId("usage-bucket");
    await expect(details).toBeHidden();
    await today.hover();
    await expect(details.locator("p")).toHaveText([/ UTC · 30 requests$/, "Succeeded: 25", "Rate limited (429): 5"]);
    await expectAccessible(page, "key page with usage");
  });

  test("an IP allowlist that leaves out this client answers 403 ip_not_allowed, and the form explains bad entries", async ({
    page,
    installWallet,
    request,
  }) => {
    test.slow(); // the refused call reaches the page after a flush (5 s) and a poll (10 s)
    await installWallet();
    await signIn(page);
    await addUseCase(page);
    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    const form = page.getByRole("dialog", { name: "Request API key" });
    // 90 days unless the user chooses otherwise, said on the closed "More options" too.
    await expect(form.getByText("More options")).toBeVisible();
    await expect(form.locator("summary")).toContainText("expires in 90 days");
    await form.getByText("More options").click();
    await expect(form.getByLabel("Expires")).toHaveValue("90");
    await form.getByLabel("Key name").fill("office-only");
    await form.getByLabel("Allowed IPs (optional)").fill("203.0.113.0/24\nnot-an-ip");
    await form.getByRole("button", { name: "Request key" }).click();
    await expect(form.getByText("not-an-ip is not an IP address")).toBeVisible();
    await expect(form.getByLabel("Key name")).toHaveValue("office-only"); // nothing typed is lost
    await form.getByLabel("Allowed IPs (optional)").fill("203.0.113.0/24");
    await form.getByRole("button", { name: "Request key" }).click();
    const key = await readNewKey(page);
    await confirmCopied(page);

    const res = await request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: "ip_not_allowed", status: 403 });

    await page.getByRole("link", { name: "office-only" }).click();
    await expect(page.getByText("203.0.113.0/24", { exact: true })).toBeVisible();
    const usage = page.locator("section", { has: page.getByRole("heading", { name: "Usage", exact: true }) });
    await expect(usage.getByTestId("usage-summary")).toContainText("1 IP not allowed (403)", { timeout: 25_000 });
  });
});

test.describe("expiry reminders", () => {
  test("a key that stops within 7 days is flagged in the list, in a banner and on its page", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await addUseCase(page);
    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    const form = page.getByRole("dialog", { name: "Request API key" });
    await form.getByLabel("Key name").fill("short-lived");
    await form.getByText("More options").click();
    await form.getByLabel("Expires").selectOption("date");
    const date = form.getByLabel("Expiry date");
    await date.fill((await date.getAttribute("min"))!); // tomorrow, the earliest day offered
    await form.getByRole("button", { name: "Request key" }).click();
    await readNewKey(page);
    await confirmCopied(page);

    await expect(page.getByRole("status").filter({ hasText: "1 key stops working within 7 days" })).toContainText("short-lived");
    // "tomorrow" or "in 2 days", by the hour of the run: the key ends with tomorrow (UTC).
    await expect(page.getByRole("row").filter({ hasText: "short-lived" })).toContainText(/tomorrow|in (1|2) days?/);
    await page.getByRole("link", { name: "short-lived" }).first().click();
    await expect(page.getByText(/This key stops working in (1|2) days?/)).toBeVisible();
    await expectAccessible(page, "key page, expiring soon");
  });
});
