"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { toast } from "@/components/toast";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { WorkspaceContext } from "@/lib/keys/view";
import type { InviteField } from "@/lib/validation/workspace";
import { INVITATION_DAYS, invitableRoles, ROLE_LABELS } from "@/lib/workspaces/permissions";
import { inviteAction } from "../../../actions";

/** Owners and admins invite a Stellar address with a role; it waits for that address to sign in. */
export function InviteForm({ workspace }: { workspace: WorkspaceContext }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const roles = invitableRoles(workspace.role);
  const { pending, onSubmit, failure, fieldErrors } = useFormAction<unknown, InviteField>(inviteAction, {
    onSuccess: () => {
      toast.success("Invitation sent: it waits for that address to sign in and accept.");
      form.current?.reset();
      router.refresh();
    },
  });
  if (roles.length === 0) return null;
  return (
    <Card title="Invite a member" description={`By Stellar address. The invitation expires after ${INVITATION_DAYS} days.`}>
      <form ref={form} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <input type="hidden" name="workspaceId" value={workspace.id} />
        <TextField
          label="Stellar address"
          name="address"
          required
          placeholder="G…"
          autoComplete="off"
          spellCheck={false}
          error={fieldErrors.address}
        />
        <SelectField label="Role" name="role" defaultValue="developer" error={fieldErrors.role}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending} className="sm:mt-7">
          Send invitation
        </Button>
        {failure && !failure.fieldErrors && (
          <div className="sm:col-span-3">
            <Alert tone="error">{failure.message}</Alert>
          </div>
        )}
      </form>
    </Card>
  );
}
