"use server";

// Webhook endpoint actions. Each is built by userAction (signed-in caller, zod input); lib/data
// locks the workspace, re-reads the caller's role (owners and admins) and reaches the endpoint
// only through that workspace. The secret comes back from create and rotate only.
import { userAction } from "@/lib/actions/builder";
import { withMessage } from "@/lib/core/result";
import { redeliver, sendTestEvent } from "@/lib/data/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, rotateEndpointSecret, updateEndpoint } from "@/lib/data/webhooks/endpoints";
import {
  editWebhookFormSchema,
  endpointRefSchema,
  redeliverSchema,
  rotateWebhookSecretSchema,
  toggleWebhookSchema,
  webhookFormSchema,
} from "@/lib/validation/webhooks";

export const createWebhookAction = userAction.form(webhookFormSchema, async ({ workspaceId, ...input }, { actor }) =>
  createEndpoint(actor, workspaceId, input),
);

export const editWebhookAction = userAction.form(editWebhookFormSchema, async ({ workspaceId, endpointId, ...change }, { actor }) =>
  withMessage(await updateEndpoint(actor, workspaceId, endpointId, change), "Endpoint saved."),
);

export const toggleWebhookAction = userAction.input(toggleWebhookSchema, async ({ workspaceId, endpointId, enabled }, { actor }) =>
  withMessage(await updateEndpoint(actor, workspaceId, endpointId, { enabled }), enabled ? "Endpoint on." : "Endpoint off."),
);

export const deleteWebhookAction = userAction.input(endpointRefSchema, async ({ workspaceId, endpointId }, { actor }) =>
  withMessage(await deleteEndpoint(actor, workspaceId, endpointId), "Endpoint deleted."),
);

export const rotateWebhookSecretAction = userAction.input(
  rotateWebhookSecretSchema,
  async ({ workspaceId, endpointId, overlap }, { actor }) => rotateEndpointSecret(actor, workspaceId, endpointId, overlap),
);

export const sendWebhookTestAction = userAction.input(endpointRefSchema, async ({ workspaceId, endpointId }, { actor }) =>
  withMessage(await sendTestEvent(actor, workspaceId, endpointId), "Test event queued: it shows in the delivery log within seconds."),
);

export const redeliverWebhookAction = userAction.input(redeliverSchema, async ({ workspaceId, endpointId, deliveryId }, { actor }) =>
  withMessage(await redeliver(actor, workspaceId, endpointId, deliveryId), "Queued again: it is sent within seconds."),
);
