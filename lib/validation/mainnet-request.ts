// Rules of the Mainnet access request, checked by the server action (the card's form shows its field errors).
import { z } from "zod";
import { JUSTIFICATION_MAX, JUSTIFICATION_MIN } from "@/lib/keys/mainnet-access";
import { orEmpty, plainText, recordId } from "./text";
import { workspaceIdField } from "./workspace";

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
