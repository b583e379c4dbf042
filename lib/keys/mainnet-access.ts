// Mainnet access as a user experiences it: asked for, pending, approved or declined. Pure
// (no clock, no database): the data layer asks it before every change and screens ask it
// what to show and offer, so the two never disagree.
import { missingUseCase } from "./lifecycle";

/** The justification's length bounds: the form shows them and the server's schema enforces them. */
export const JUSTIFICATION_MIN = 20;
export const JUSTIFICATION_MAX = 500;

export const MAINNET_REQUEST_STATUSES = ["pending", "approved", "declined"] as const;
export type MainnetRequestStatus = (typeof MAINNET_REQUEST_STATUSES)[number];

/** The user's latest request, as the browser sees it (ISO dates). */
export type MainnetRequestView = {
  id: string;
  status: MainnetRequestStatus;
  justification: string;
  createdAt: string;
  decidedAt: string | null;
  /** The admin's reason for a decline, or their note on an approval; shown to the user. */
  decisionReason: string | null;
};

export type MainnetAccessView = {
  approved: boolean;
  hasUseCase: boolean;
  latest: MainnetRequestView | null;
};

/**
 * Where the user stands. `withdrawn`: an admin approved a request and later withdrew the
 * approval with the switch, so the latest request says approved but the user is not.
 */
export type MainnetAccessState = "approved" | "pending" | "declined" | "withdrawn" | "none";

export function mainnetAccessState(a: Pick<MainnetAccessView, "approved" | "latest">): MainnetAccessState {
  if (a.approved) return "approved";
  switch (a.latest?.status) {
    case "pending":
      return "pending";
    case "declined":
      return "declined";
    case "approved":
      return "withdrawn";
    default:
      return "none";
  }
}

export type MainnetRefusalCode = "use_case_required" | "already_approved" | "already_pending" | "suspended";
export type MainnetRefusal = { code: MainnetRefusalCode; message: string };

/** Whether a user may ask for Mainnet now; the reason when not. The same rules as for keys: a use case first. */
export function requestRefusal(
  owner: { useCase: string | null; useCaseOf?: "profile" | "team"; mainnetApproved: boolean; suspendedAt: Date | null },
  hasPending: boolean,
): MainnetRefusal | null {
  if (owner.suspendedAt) return { code: "suspended", message: "Your account is suspended: nothing can be requested." };
  if (owner.mainnetApproved) return { code: "already_approved", message: "You are already approved for Mainnet: request a Mainnet key." };
  if (hasPending) {
    return { code: "already_pending", message: "You already have a request waiting for an admin. Withdraw it to change what it says." };
  }
  if (!owner.useCase) {
    return { code: "use_case_required", message: missingUseCase(owner.useCaseOf, "asking for Mainnet access") };
  }
  return null;
}

/** What the user may do from where they stand. */
export function mainnetActions(a: MainnetAccessView): { request: boolean; withdraw: boolean } {
  const state = mainnetAccessState(a);
  return { request: a.hasUseCase && (state === "none" || state === "declined" || state === "withdrawn"), withdraw: state === "pending" };
}
