// Which changes need a fresh signature (step-up), for both ways of making them: the browser
// (a signed receipt, lib/data/step-up) and the management API (a SEP-10 token that met the
// account's high threshold, lib/plane/manage-auth.ts). One list, so the two cannot drift.
import type { KeyNetwork } from "@/lib/networks/key";
import type { StepUpAction } from "./receipt";

export type StepUpCase =
  | { action: "key.create" | "key.rotate"; network: KeyNetwork }
  | { action: "key.update"; scopesChanged: boolean; allowlistChanged: boolean }
  | { action: "member.role_change" }
  | { action: "admin.mainnet_approve" }
  | { action: "admin.role_grant" };

export function needsStepUp(c: StepUpCase): boolean {
  switch (c.action) {
    // A Mainnet key moves real funds; a Testnet one does not.
    case "key.create":
    case "key.rotate":
      return c.network === "mainnet";
    // Widening or moving what a key may do and where from, on any network.
    case "key.update":
      return c.scopesChanged || c.allowlistChanged;
    // Roles decide who may mint keys; approval decides whether Mainnet keys exist at all; a
    // site admin holds every switch (revoking the role takes power away and needs none).
    case "member.role_change":
    case "admin.mainnet_approve":
    case "admin.role_grant":
      return true;
  }
}

/** Whether two lists hold the same entries, in any order (scopes and allowlists are sets). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

/** What each step-up action is called on its receipt, and in the audit log's details. */
export const STEP_UP_TITLES: Record<StepUpAction, string> = {
  "key.create": "Create an API key",
  "key.rotate": "Rotate an API key (a new secret)",
  "key.update": "Change an API key's scopes or IP allowlist",
  "member.role_change": "Change a member's role",
  "admin.mainnet_approve": "Approve a workspace for Mainnet (admin)",
  "admin.role_grant": "Make a user a site admin (admin)",
  "workspace.link": "Link this workspace to a Stellar account (multisig)",
  "workspace.unlink": "Unlink this workspace from its Stellar account",
};

/** An action's title ("Create an API key"); an unknown name as it is. */
export const stepUpTitle = (action: string): string => STEP_UP_TITLES[action as StepUpAction] ?? action;
