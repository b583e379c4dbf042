import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./fixtures/page-checks";
import { expect, gotoReady, issueKey, pickMenuItem, signIn, signedInPage, test } from "./fixtures/test";
import { adminWallet } from "./fixtures/wallets";

/** The owner's Edit dialog, from the key's own page. */
async function openEdit(page: Page, name: string) {
  await pickMenuItem(page.getByRole("button", { name: `Actions for ${name}` }), "Edit");
  return page.getByRole("dialog", { name: `Edit ${name}` });
}

test.describe("per-key rate limits", () => {
  test.skip(!adminWallet, "running against another deployment without E2E_ADMIN_SEED");

  test("the owner lowers a key to 3 a minute (the 4th call is 429 saying 3), an admin raises its ceiling, and the list's sparkline counts the calls", async ({
    page,
    installWallet,
    browser,
    request,
  }) => {
    test.slow(); // two browsers, usage flushed every 5 s and lists polled every 10 s
    const name = `limited-${randomBytes(3).toString("hex")}`;
    await installWallet();
    await signIn(page);
    const key = await issueKey(page, name);
    const whoami = () => request.get("/api/v1/whoami", { headers: { "X-API-KEY": key } });

    await page.getByRole("link", { name }).click();
    await expect(page.getByText("600 requests a minute")).toBeVisible();

    // Above the ceiling: refused, and what was typed stays.
    let edit = await openEdit(page, name);
    await edit.getByLabel("Rate limit (optional)").fill("700");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("alert").or(edit.getByText("at most 600 requests a minute"))).toContainText("600");
    await expect(edit.getByLabel("Rate limit (optional)")).toHaveValue("700");
    await edit.getByLabel("Rate limit (optional)").fill("3");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText(`Saved ${name}.`)).toBeVisible(); // the toast
    await expect(page.getByText("3 requests a minute")).toBeVisible();

    for (let i = 0; i < 3; i++) {
      const ok = await whoami();
      expect(ok.status()).toBe(200);
      expect(ok.headers()["x-ratelimit-limit"]).toBe("3");
    }
    const limited = await whoami();
    expect(limited.status()).toBe(429);
    expect(limited.headers()["x-ratelimit-limit"]).toBe("3");
    expect(limited.headers()["x-ratelimit-remaining"]).toBe("0");
    expect(await limited.json()).toMatchObject({ status: 429 });

    // The keys list: 3 succeeded and 1 limited, on today's point of the sparkline.
    await gotoReady(page, "/settings/api-keys");
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("img", { name: "4 requests in the last 7 days" })).toBeVisible({ timeout: 25_000 });
    await expectAccessible(page, "keys list with sparklines");

    // The admin raises the ceiling through the admin keys table.
    const admin = await signedInPage(browser, adminWallet!);
    await gotoReady(admin, "/admin/keys");
    await admin.getByRole("searchbox", { name: "Search keys" }).fill(name);
    const adminRow = admin.getByRole("row").filter({ hasText: name });
    await expect(adminRow.getByTestId("key-rate-limit")).toContainText("600/min");
    await expect(adminRow.getByTestId("key-rate-limit")).toContainText("Owner: 3/min");
    await adminRow.getByRole("button", { name: `Change the rate limit of ${name}` }).click();
    const dialog = admin.getByRole("dialog", { name: `Rate limit of ${name}` });
    await dialog.getByLabel("Ceiling (requests per minute)").fill("0");
    await dialog.getByRole("button", { name: "Save ceiling" }).click();
    await expect(dialog.getByText("from 1 to 10,000,000")).toBeVisible();
    await expect(dialog.getByLabel("Ceiling (requests per minute)")).toHaveValue("0"); // kept after the refusal
    await dialog.getByLabel("Ceiling (requests per minute)").fill("1200");
    await dialog.getByRole("button", { name: "Save ceiling" }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText("Ceiling set to 1,200 requests a minute.")).toBeVisible();
    await expect(adminRow.getByTestId("key-rate-limit")).toContainText("1,200/min");

    // The owner's own 3 still holds under the higher ceiling; cleared, the key gets all 1,200.
    await page.getByRole("link", { name }).click();
    await expect(page.getByText("(lowered on this key from 1,200)")).toBeVisible();
    edit = await openEdit(page, name);
    await expect(edit.getByLabel("Rate limit (optional)")).toHaveValue("3");
    await edit.getByLabel("Rate limit (optional)").fill("");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("1,200 requests a minute")).toBeVisible();
    const raised = await whoami();
    expect(raised.status()).toBe(200);
    expect(raised.headers()["x-ratelimit-limit"]).toBe("1200");

    // The overview ranks keys by requests; each links to its row in the admin keys table.
    await gotoReady(admin, "/admin");
    const top = admin.getByRole("region", { name: "Top keys by requests" });
    await expect(top.getByRole("link").first()).toBeVisible();
    await expect(admin.getByTestId("platform-requests-summary")).toContainText("requests in the last 30 days");
    // Drawn on the server as bars, today's the last of 30 columns.
    const requests = admin.getByRole("figure", { name: "API requests per day" }).getByTestId("usage-chart");
    await expect(requests.locator("[data-at]")).toHaveCount(30);
    await expect(requests.locator('rect[data-outcome="success"]').last()).toBeVisible();
    await expectAccessible(admin, "admin overview with usage");
    const busiest = (await top.getByRole("link").first().textContent())!;
    await top.getByRole("link").first().click();
    await expect(admin.getByRole("searchbox", { name: "Search keys" })).toHaveValue(/^kp_/);
    await expect(admin.getByRole("row").filter({ hasText: busiest })).toHaveCount(1);
    await admin.context().close();
  });
});
