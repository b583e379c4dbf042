import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MANAGE_OPERATIONS } from "@/lib/api/openapi/manage-operations";
import { ManageSection } from "./manage-section";

describe("/docs: Manage keys from code", () => {
  const html = renderToStaticMarkup(<ManageSection origin="https://keys.example.com" network="testnet" />);

  it("has a section with a request to paste for every management operation, as the reference's other operations", () => {
    for (const op of MANAGE_OPERATIONS) {
      expect(html).toContain(`id="op-${op.operationId}"`);
      expect(html).toContain(`Request for ${op.method.toUpperCase()} ${op.path}`);
    }
    expect(html).toContain("curl -X PATCH https://keys.example.com/api/v1/workspaces/acme-payments/keys/cmabc123def456ghi789jkl0");
    expect(html).toContain("Authorization: Bearer $KEYPORT_TOKEN");
  });

  it("reads as code, never as raw Markdown backticks, and names the network and the wallet SDK's config", () => {
    expect(html).not.toContain("`");
    expect(html).toContain("StellarConfiguration.TestNet()");
    expect(html).toContain("const BASE = &quot;https://keys.example.com&quot;;");
  });
});
