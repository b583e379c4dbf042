import { describe, expect, it } from "vitest";
import { mainnetRequestSchema } from "./mainnet-request";

const parse = (justification: unknown) => mainnetRequestSchema.safeParse({ workspaceId: "ws1", justification });

describe("Mainnet request justification", () => {
  it("is trimmed and must be 20 to 500 characters", () => {
    expect(parse("  Payroll for forty contractors in USDC.  ")).toMatchObject({
      success: true,
      data: { justification: "Payroll for forty contractors in USDC." },
    });
    expect(parse(`   ${"x".repeat(19)}   `).success).toBe(false); // 19 once trimmed
    expect(parse("x".repeat(20)).success).toBe(true);
    expect(parse("x".repeat(500)).success).toBe(true);
    expect(parse("x".repeat(501)).success).toBe(false);
    expect(parse(undefined).error?.issues[0]?.message).toContain("at least 20");
  });

  it("keeps line breaks but refuses other control characters", () => {
    expect(parse("Payroll for forty\ncontractors in USDC.").success).toBe(true);
    expect(parse("Payroll for forty\u0000contractors in USDC.").error?.issues[0]?.message).toContain("control characters");
  });
});
