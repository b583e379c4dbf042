"use client";

// Multisig: the Stellar account the team is linked to, and for owners the way to link or unlink
// it. Both wait for the account's signers (Pending approvals on the Members page).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { TimeAgo } from "@/components/time-ago";
import { useAction } from "@/components/use-action";
import { useFormAction } from "@/components/use-form-action";
import { toast } from "@/components/toast";
import type { WorkspaceContext } from "@/lib/keys/view";
import type { LinkField } from "@/lib/validation/workspace";
import { can } from "@/lib/workspaces/permissions";
import { requestLinkAction, requestUnlinkAction } from "../../../actions";

type Props = { workspace: WorkspaceContext; linkedAccount: string | null; linkedAt: string | null };
const muted = "text-zinc-600 dark:text-zinc-400";

export function MultisigCard({ workspace, linkedAccount, linkedAt }: Props) {
  const router = useRouter();
  const members = `/w/${workspace.slug}/members`;
  const link = useFormAction<unknown, LinkField>(requestLinkAction, {
    onSuccess: () => {
      toast.success("Link asked: the account's signers sign it under Pending approvals.");
      router.push(members);
    },
  });
  const unlink = useAction(requestUnlinkAction, { onSuccess: () => router.push(members) });
  const owner = can(workspace.role, "workspace.link");
  return (
    <Card
      title="Multisig account"
      description="Link the team to a Stellar account: Mainnet keys, scope and allowlist changes and role changes then need signatures of its signers whose weight meets its high threshold."
    >
      {linkedAccount ? (
        <div className="space-y-3 text-sm" data-testid="linked-account">
          <p>
            Linked to <span className="font-mono break-all">{linkedAccount}</span>
            {linkedAt && (
              <span className={muted}>
                {" "}
                since <TimeAgo iso={linkedAt} />
              </span>
            )}
            .
          </p>
          {owner && (
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" pending={unlink.pending} onClick={() => void unlink.run({ workspaceId: workspace.id })}>
                Ask to unlink
              </Button>
              <span className={`text-xs ${muted}`}>Unlinking needs the account&apos;s signers too.</span>
            </div>
          )}
        </div>
      ) : owner ? (
        <form onSubmit={link.onSubmit} noValidate className="space-y-3">
          <input type="hidden" name="workspaceId" value={workspace.id} />
          <TextField
            label="Stellar account (G…)"
            name="account"
            autoComplete="off"
            spellCheck={false}
            required
            hint="Its signers who are members of this team sign the link from their own sessions, under Pending approvals."
            error={link.fieldErrors.account}
          />
          <Button type="submit" pending={link.pending}>
            Ask to link
          </Button>
          {link.failure && !link.failure.fieldErrors && <Alert tone="error">{link.failure.message}</Alert>}
        </form>
      ) : (
        <p className={`text-sm ${muted}`}>Not linked. Owners can link the team to a multisig Stellar account.</p>
      )}
      <p className={`mt-3 text-xs ${muted}`}>
        Waiting changes:{" "}
        <Link href={members} className="underline">
          Pending approvals
        </Link>{" "}
        on the Members page.
      </p>
    </Card>
  );
}
