// Rules of the Mainnet access request, shared by the card's form and the server action.
import { z } from "zod";
import { orEmpty, plainText, recordId } from "./text";
import { workspaceIdField } from "./workspace";

export const JUSTIFICATION_MIN = 20;
export const JUSTIFICATION_MAX = 500;

export const mainnetRequestSchema = z.object({
  workspaceId: workspaceIdField,
  justification: orEmpty(
    plainText("The justification", { multiline: true })
      .trim()
      .min(JUSTIFICATION_MIN, `Say in at least ${JUSTIFICATION_MIN} characters what you will run on Mainnet.`)
      .max(JUSTIFICATION_MAX, `Keep it under ${JUSTIFICATION_MAX} characters.`),
  ),
});

export type MainnetRequestField = Exclude<keyof z.input<typeof mainnetRequestSchema>, "workspaceId">;
export const mainnetWithdrawSchema = z.object({ workspaceId: workspaceIdField, requestId: recordId });
