import { describe, expect, it } from "vitest";
import { mainnetAccessState, mainnetActions, requestRefusal, type MainnetAccessView, type MainnetRequestView } from "./mainnet-access";

const request = (status: MainnetRequestView["status"]): MainnetRequestView => ({
  id: "r1",
  status,
  justification: "Payroll for forty contractors in USDC.",
  createdAt: "2026-01-01T00:00:00.000Z",
  decidedAt: status === "pending" ? null : "2026-01-02T00:00:00.000Z",
  decisionReason: null,
});
const access = (over: Partial<MainnetAccessView>): MainnetAccessView => ({ approved: false, hasUseCase: true, latest: null, ...over });
const owner = { useCase: "Payroll", mainnetApproved: false, suspendedAt: null };

describe("Mainnet access state", () => {
  it("follows the user's approval first, then their latest request", () => {
    expect(mainnetAccessState(access({}))).toBe("none");
    expect(mainnetAccessState(access({ latest: request("pending") }))).toBe("pending");
    expect(mainnetAccessState(access({ latest: request("declined") }))).toBe("declined");
    expect(mainnetAccessState(access({ approved: true, latest: request("approved") }))).toBe("approved");
    expect(mainnetAccessState(access({ approved: true }))).toBe("approved"); // approved with the switch, no request
    expect(mainnetAccessState(access({ latest: request("approved") }))).toBe("withdrawn");
  });

  it("offers asking when nothing is pending or approved and a use case is given; withdrawing only while pending", () => {
    expect(mainnetActions(access({}))).toEqual({ request: true, withdraw: false });
    expect(mainnetActions(access({ hasUseCase: false }))).toEqual({ request: false, withdraw: false });
    expect(mainnetActions(access({ latest: request("pending") }))).toEqual({ request: false, withdraw: true });
    expect(mainnetActions(access({ latest: request("declined") }))).toEqual({ request: true, withdraw: false });
    expect(mainnetActions(access({ approved: true, latest: request("approved") }))).toEqual({ request: false, withdraw: false });
  });
});

describe("asking for Mainnet", () => {
  it("is refused when approved, already pending, without a use case or while suspended", () => {
    expect(requestRefusal(owner, false)).toBeNull();
    expect(requestRefusal({ ...owner, mainnetApproved: true }, false)?.code).toBe("already_approved");
    expect(requestRefusal(owner, true)?.code).toBe("already_pending");
    expect(requestRefusal({ ...owner, useCase: null }, false)?.code).toBe("use_case_required");
    expect(requestRefusal({ ...owner, suspendedAt: new Date() }, false)?.code).toBe("suspended");
  });
});
