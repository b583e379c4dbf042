import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildPlane } from "@/lib/plane/app";
import { documentedOperations, type OpenApiDocument } from "@/lib/plane/openapi/operations";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { isWebhookOperation, webhookEventAnchor, WebhooksSection } from "./webhooks-section";

// The document as the API plane generates it (no request is served, no database is opened).
const doc = (await (await buildPlane()).swagger()) as unknown as OpenApiDocument;
const operations = documentedOperations(doc).filter(isWebhookOperation);

describe("/docs: Webhooks", () => {
  const html = renderToStaticMarkup(<WebhooksSection operations={operations} doc={doc} />);

  it("has every webhook operation with a request to paste, and every event with its payload's fields", () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      "createWebhook",
      "deleteWebhook",
      "listWebhookDeliveries",
      "listWebhooks",
      "redeliverWebhook",
      "rotateWebhookSecret",
      "sendWebhookTest",
      "updateWebhook",
    ]);
    for (const op of operations) expect(html).toContain(`id="op-${op.operationId}"`);
    for (const type of WEBHOOK_EVENT_TYPES) expect(html).toContain(`id="${webhookEventAnchor(type)}"`);
    expect(html).toContain("successor");
    expect(html).toContain("standardwebhooks");
    expect(html).not.toContain("`");
  });
});
