import type { DocumentedOperation, OpenApiDocument } from "@/lib/plane/openapi/operations";
import { CodeBlock } from "./code-block";
import { InlineCode } from "./inline-code";
import { OperationSection } from "./operation-section";
import { SchemaFields } from "./schema-fields";

export const WEBHOOKS_ANCHOR = "webhooks";
export const isWebhookOperation = (op: DocumentedOperation) => op.tag === "Webhooks";
export const webhookEventAnchor = (type: string) => `webhook-${type.replace(/\./g, "-")}`;

type EventDoc = {
  post: {
    summary: string;
    description: string;
    requestBody: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
  };
};

/** How a receiver checks a delivery, with the spec's published library. */
const VERIFY = `import { Webhook } from "standardwebhooks"; // npm i standardwebhooks

const wh = new Webhook(process.env.KEYPORT_WEBHOOK_SECRET); // whsec_…

// In your handler, with the raw body exactly as received:
const event = wh.verify(rawBody, {
  "webhook-id": req.headers["webhook-id"],
  "webhook-timestamp": req.headers["webhook-timestamp"],
  "webhook-signature": req.headers["webhook-signature"],
}); // throws when the signature or the timestamp (±5 min) is wrong
// De-duplicate on webhook-id: a retry or a redelivery sends the same one.
console.log(event.type, event.data);`;

/** Webhooks: the endpoints' operations, how to verify a delivery, and every event with its payload's fields. */
export function WebhooksSection({ operations, doc }: { operations: DocumentedOperation[]; doc: OpenApiDocument }) {
  const events = Object.entries((doc as unknown as { webhooks?: Record<string, EventDoc> }).webhooks ?? {});
  return (
    <section id={WEBHOOKS_ANCHOR} aria-labelledby={`${WEBHOOKS_ANCHOR}-title`} className="scroll-mt-6 space-y-4">
      <h2 id={`${WEBHOOKS_ANCHOR}-title`} className="text-lg font-semibold">
        Webhooks
      </h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A workspace&apos;s owners and admins add endpoints (on its Webhooks page, or with the operations below and a SEP-10 token). Keyport
        POSTs each event as JSON, <code className="font-mono">{"{ type, version, timestamp, workspace, data }"}</code>, signed per Standard
        Webhooks with the endpoint&apos;s <code className="font-mono">whsec_…</code> secret. Any 2xx answer within 30 seconds acknowledges
        it; otherwise it is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. Endpoints must reach a public address; redirects are
        not followed.
      </p>
      <h3 className="text-sm font-semibold">Verify a delivery</h3>
      <CodeBlock code={VERIFY} label="Verify a webhook with standardwebhooks" copyLabel="Copy snippet" />
      {operations.map((op) => (
        <OperationSection key={op.operationId} op={op} doc={doc} />
      ))}
      <h3 className="text-sm font-semibold">Events</h3>
      {events.map(([type, event]) => {
        const data = event.post.requestBody.content["application/json"].schema.properties?.data;
        return (
          <div key={type} id={webhookEventAnchor(type)} className="scroll-mt-6 space-y-2">
            <h4 className="font-mono text-sm font-semibold">{type}</h4>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              <InlineCode text={event.post.description} />
            </p>
            {data ? <SchemaFields schema={data as Parameters<typeof SchemaFields>[0]["schema"]} /> : null}
          </div>
        );
      })}
    </section>
  );
}
