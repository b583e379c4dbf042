"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { HydrationMarker } from "@/components/hydration-marker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { useFormAction } from "@/components/use-form-action";
import type { MemberView } from "@/lib/data/workspaces/members";
import type { WorkspaceContext } from "@/lib/keys/view";
import { can, ROLE_LABELS } from "@/lib/workspaces/permissions";
import { deleteTeamAction, renameTeamAction, setTeamUseCaseAction, transferOwnershipAction } from "../../../actions";

type Props = { workspace: WorkspaceContext; others: MemberView[]; useCase: string | null };

export function TeamSettings({ workspace, others, useCase }: Props) {
  const router = useRouter();
  const [to, setTo] = useState(others[0]?.userId ?? "");
  const rename = useFormAction<unknown, "name">(renameTeamAction, {
    onSuccess: () => {
      toast.success("Team renamed.");
      router.refresh();
    },
  });
  const saveUseCase = useFormAction<unknown, "useCase">(setTeamUseCaseAction, {
    onSuccess: () => {
      toast.success(useCase ? "Use case saved." : "Use case saved: team keys can be requested now.");
      router.refresh();
    },
  });
  const transfer = useAction(transferOwnershipAction, { onSuccess: () => router.refresh() });
  const remove = useFormAction(deleteTeamAction, {
    onSuccess: () => {
      toast.success(`Team ${workspace.name} deleted.`);
      router.push("/settings/api-keys");
      router.refresh();
    },
  });
  if (!can(workspace.role, "workspace.rename")) {
    return (
      <Alert tone="info">
        Only the team&apos;s owners and admins change its settings. You are {ROLE_LABELS[workspace.role].toLowerCase()}.
      </Alert>
    );
  }
  return (
    <>
      <HydrationMarker />
      <Card title="Name">
        <form onSubmit={rename.onSubmit} noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="workspaceId" value={workspace.id} />
          <div className="min-w-60 flex-1">
            <TextField
              label="Team name"
              name="name"
              defaultValue={workspace.name}
              maxLength={60}
              required
              error={rename.fieldErrors.name}
            />
          </div>
          <Button type="submit" pending={rename.pending}>
            Rename
          </Button>
        </form>
        {rename.failure && !rename.failure.fieldErrors && <Alert tone="error">{rename.failure.message}</Alert>}
      </Card>
      <Card
        title="Use case"
        description="What the team builds with its keys. Team keys are issued once it is set; members do not need a use case of their own."
      >
        <form onSubmit={saveUseCase.onSubmit} noValidate className="space-y-3">
          <input type="hidden" name="workspaceId" value={workspace.id} />
          {!useCase && <Alert tone="info">Add the team&apos;s use case: until then, nobody can request a key for {workspace.name}.</Alert>}
          <TextAreaField
            label="Team use case"
            name="useCase"
            defaultValue={useCase ?? ""}
            maxLength={1000}
            rows={3}
            required
            placeholder="e.g. Escrow payouts for the Acme marketplace: our backend releases funds when orders ship."
            error={saveUseCase.fieldErrors.useCase}
          />
          <Button type="submit" pending={saveUseCase.pending}>
            Save use case
          </Button>
        </form>
        {saveUseCase.failure && !saveUseCase.failure.fieldErrors && <Alert tone="error">{saveUseCase.failure.message}</Alert>}
      </Card>
      {can(workspace.role, "workspace.transfer") && (
        <Card title="Transfer ownership" description="The member you choose becomes an owner; you stay on as an admin.">
          {others.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Invite someone first: there is nobody to hand the team to.</p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              <div className="min-w-60 flex-1">
                <SelectField label="New owner" value={to} onChange={(e) => setTo(e.target.value)}>
                  {others.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name ?? m.address} ({ROLE_LABELS[m.role]})
                    </option>
                  ))}
                </SelectField>
              </div>
              <Button
                variant="secondary"
                pending={transfer.pending}
                onClick={() => void transfer.run({ workspaceId: workspace.id, userId: to })}
              >
                Transfer
              </Button>
            </div>
          )}
        </Card>
      )}
      {can(workspace.role, "workspace.delete") && (
        <Card
          title="Delete team"
          description="Its members and invitations go with it. Revoke its keys first: a team with live keys cannot be deleted."
        >
          <form onSubmit={remove.onSubmit} noValidate className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="workspaceId" value={workspace.id} />
            <div className="min-w-60 flex-1">
              <TextField label={`Type ${workspace.slug} to confirm`} name="confirm" autoComplete="off" required />
            </div>
            <Button type="submit" variant="danger" pending={remove.pending}>
              Delete team
            </Button>
          </form>
          {remove.failure && <Alert tone="error">{remove.failure.message}</Alert>}
        </Card>
      )}
    </>
  );
}
