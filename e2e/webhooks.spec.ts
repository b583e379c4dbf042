import { expectAccessible, expectFitsViewport, watchPage } from "./fixtures/page-checks";
import { expect, gotoReady, signIn, test, VIEWPORTS, walletPage } from "./fixtures/test";

// The Webhooks screens (#27) at a laptop's and a phone's size: add an endpoint (its secret shown
// once, the dialog held until the copy is confirmed), send a test event, read the delivery log.
// Nothing outside the viewport, zero serious axe violations, no console error.
test.describe("webhooks", () => {
  test.describe.configure({ timeout: 120_000 });

  for (const viewport of VIEWPORTS) {
    test(`an owner adds an endpoint, tests it and reads its log on the ${viewport.name}`, async ({ browser }) => {
      const page = await walletPage(browser, undefined, viewport);
      const health = watchPage(page);
      await gotoReady(page, "/sign-in");
      await signIn(page);
      const webhooks = page.url().replace(/\/api-keys$/, "/webhooks");
      await gotoReady(page, new URL(webhooks).pathname);
      await expect(page.getByRole("heading", { name: /^Webhooks/ })).toBeVisible();
      await expectFitsViewport(page, "webhooks (empty)");
      await expectAccessible(page, "webhooks (empty)");

      await page.getByRole("button", { name: "Add endpoint" }).click();
      const add = page.getByRole("dialog", { name: "Add a webhook endpoint" });
      await add.getByLabel("Endpoint URL").fill("https://hooks.example.com/keyport");
      await add.getByLabel("Description (optional)").fill("Billing service");
      await add.getByRole("radio", { name: "Only these:" }).check();
      await add.getByRole("checkbox", { name: "key.created" }).check();
      await add.getByRole("checkbox", { name: "key.revoked" }).check();
      await expectAccessible(page, "the add dialog");
      await add.getByRole("button", { name: "Add endpoint" }).click();

      const reveal = page.getByRole("dialog", { name: "The endpoint's signing secret" });
      await expect(reveal.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
      await expectFitsViewport(page, "the secret dialog");
      await expectAccessible(page, "the secret dialog");
      // Held until the copy is confirmed.
      await page.keyboard.press("Escape");
      await expect(reveal).toBeVisible();
      await reveal.getByLabel("I have copied the secret").check();
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(reveal).toBeHidden();

      const list = page.getByRole("list", { name: "Webhook endpoints" });
      await expect(list.getByText("https://hooks.example.com/keyport")).toBeVisible();
      await expect(list.getByText("key.created, key.revoked")).toBeVisible();
      // The secret is gone for good: nowhere on the page.
      await expect(page.getByText(/whsec_/)).toHaveCount(0);
      await expectFitsViewport(page, "webhooks (one endpoint)");
      await expectAccessible(page, "webhooks (one endpoint)");

      await list.getByRole("button", { name: "Send test event" }).click();
      await expect(page.getByText(/Test event queued/)).toBeVisible();
      await list.getByRole("link", { name: "Delivery log" }).click();
      await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
      const deliveries = page.getByRole("list", { name: "Deliveries" });
      await expect(deliveries.getByText("webhook.test")).toBeVisible();
      // Private and unresolvable targets are refused by the worker: the attempt is logged, and retried.
      await expect(deliveries.getByText(/ [1-9]\d* attempts?/)).toBeVisible({ timeout: 20_000 });
      await deliveries.getByText("Attempts").click();
      await expectFitsViewport(page, "the delivery log");
      await expectAccessible(page, "the delivery log");
      expect(health.problems).toEqual([]);
    });
  }
});
