import { expectAccessible, expectFitsViewport, watchPage } from "./fixtures/page-checks";
import { confirmCopied, expect, gotoReady, issueKey, readNewKey, signIn, test, VIEWPORTS } from "./fixtures/test";

// The API reference: public, rendered by the app itself (no CDN, nothing the CSP blocks),
// a request to paste for every operation, and a section for every error's `type` URL.
test.describe("/docs", () => {
  for (const viewport of VIEWPORTS) {
    test(`renders under the CSP without errors and fits the ${viewport.name}`, async ({ browser }) => {
      // On the laptop every operation gets its tabs clicked (fifteen operations since #26); the
      // phone, which lays out the same sections narrower, gets the first one's.
      test.slow();
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const health = watchPage(page);
      const requested: string[] = [];
      page.on("request", (r) => requested.push(r.url()));
      const response = await page.goto("/docs");
      expect(response!.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      await expect(page.getByRole("heading", { level: 1, name: "Keyport API reference" })).toBeVisible();

      const spec = await (await page.request.get("/api/v1/openapi.json")).json();
      const operations = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap(Object.values);
      expect(operations.length).toBeGreaterThanOrEqual(3);
      for (const [i, op] of operations.entries()) {
        const section = page.locator(`#op-${op.operationId}`);
        await expect(section.getByRole("heading", { level: 2 })).toBeVisible();
        // curl, Node.js and Python, as on the show-once dialog; the same in the document's x-codeSamples.
        await expect(section.getByLabel(/^Request for .* in curl$/)).toContainText("curl");
        if (viewport.name === "phone" && i > 0) continue;
        await section.getByRole("tab", { name: "Python" }).click();
        await expect(section.getByLabel(/^Request for .* in Python$/)).toContainText("urllib.request");
        await expect(section.getByRole("button", { name: /^Copy Request for .* \(python\)$/ })).toBeVisible();
        await section.getByRole("tab", { name: "curl" }).click();
      }
      for (const name of Object.keys(spec.components.examples)) await expect(page.locator(`#${name}`)).toHaveCount(1);

      // Code reads as code, never as raw Markdown backticks; a way back to the app; the errors reachable from the menu.
      expect(await page.locator("main").innerText()).not.toContain("`");
      await expect(page.getByRole("link", { name: "← Back to Keyport" })).toBeVisible();
      const menu = page.getByRole("navigation", { name: "API reference" });
      await expect(menu.getByRole("link", { name: viewport.name === "phone" ? /^All \d+ errors/ : "unauthorized" })).toBeVisible();
      await expectFitsViewport(page, "/docs");
      await expectAccessible(page, "/docs");
      // Everything the page loaded came from the app itself: no CDN.
      const origin = new URL(page.url()).origin;
      expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:"))).toEqual([]);
      expect(health.problems).toEqual([]);
      await context.close();
    });
  }

  test("a Problem Details type URL opens that error's section", async ({ page, request }) => {
    const res = await request.get("/api/v1/whoami");
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const problem = await res.json();
    expect(problem.type).toMatch(/\/docs#error-unauthorized$/);
    await page.goto(problem.type);
    const section = page.locator("#error-unauthorized");
    await expect(section).toBeInViewport();
    await expect(section.getByRole("heading", { name: /unauthorized/ })).toBeVisible();
  });

  test("is linked from the sidebar and from the show-once dialog", async ({ page, installWallet }) => {
    await installWallet();
    await signIn(page);
    await issueKey(page, "docs-link-check");
    await gotoReady(page, "/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    await page.getByRole("dialog").getByLabel("Key name").fill("docs-link-two");
    await page.getByRole("dialog").getByRole("button", { name: "Request key" }).click();
    await readNewKey(page);
    const inDialog = page.getByRole("dialog").getByRole("link", { name: /API reference/ });
    await expect(inDialog).toHaveAttribute("href", "/docs");
    await expect(inDialog).toHaveAttribute("target", "_blank");
    await confirmCopied(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
    await expect(page).toHaveURL(/\/docs$/);
    await expect(page.getByRole("heading", { level: 1, name: "Keyport API reference" })).toBeVisible();
  });
});
