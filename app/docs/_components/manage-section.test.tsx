import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/core/env";
import { buildPlane } from "@/lib/plane/app";
import { documentedOperations, type OpenApiDocument } from "@/lib/plane/openapi/operations";
import { isManageOperation, ManageSection } from "./manage-section";

// The document as the API plane generates it (no request is served, no database is opened).
const doc = (await (await buildPlane()).swagger()) as unknown as OpenApiDocument;
const operations = documentedOperations(doc).filter(isManageOperation);

describe("/docs: Manage keys from code", () => {
  const html = renderToStaticMarkup(
    <ManageSection origin="https://keys.example.com" network="testnet" operations={operations} doc={doc} />,
  );

  it("has a section with a request to paste for every SEP-1, SEP-10 and management operation of the generated document", () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      "createKey",
      "getChallenge",
      "getKey",
      "getToken",
      "keyUsage",
      "listKeys",
      "listWorkspaces",
      "revokeKey",
      "rotateKey",
      "stellarToml",
      "updateKey",
    ]);
    for (const op of operations) {
      expect(html).toContain(`id="op-${op.operationId}"`);
      expect(html).toContain(`Request for ${op.method.toUpperCase()} ${op.path}`);
    }
    expect(html).toContain(`curl -X PATCH ${env.publicOrigin}/api/v1/workspaces/acme-payments/keys/cmabc123def456ghi789jkl0`);
    expect(html).toContain("Authorization: Bearer $KEYPORT_TOKEN");
    expect(html).toContain("Response 201");
  });

  it("reads as code, never as raw Markdown backticks, and names the network and the wallet SDK's config", () => {
    expect(html).not.toContain("`");
    expect(html).toContain("StellarConfiguration.TestNet()");
    expect(html).toContain("const BASE = &quot;https://keys.example.com&quot;;");
  });
});
