"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { HydrationMarker } from "@/components/hydration-marker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { TeamField } from "@/lib/validation/workspace";
import { membersPath } from "@/lib/workspaces/paths";
import { createTeamAction } from "../../w/actions";

/** "Acme Payments" → "acme-payments": a suggestion the user can change. */
const slugFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function CreateTeamForm() {
  const router = useRouter();
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const { pending, onSubmit, failure, fieldErrors } = useFormAction<{ slug: string; name: string }, TeamField>(createTeamAction, {
    onSuccess: (team) => {
      toast.success(`Team ${team.name} created: invite your teammates.`);
      router.push(membersPath(team));
      router.refresh();
    },
  });
  return (
    <Card title="Create a team" description="You become its owner. Keys you request in it belong to the team.">
      <HydrationMarker />
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          label="Team name"
          name="name"
          required
          maxLength={60}
          error={fieldErrors.name}
          onChange={(e) => !slugEdited && setSlug(slugFrom(e.target.value))}
        />
        <TextField
          label="URL name"
          name="slug"
          required
          maxLength={40}
          value={slug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
          hint={`3–40 lowercase letters, digits and dashes: the team's pages live at /w/${slug || "your-team"}.`}
          error={fieldErrors.slug}
        />
        <TextAreaField
          label="Use case"
          name="useCase"
          maxLength={1000}
          rows={2}
          hint="What the team builds with its keys. Team keys are issued once it is set; you can add it later in Team settings."
          placeholder="e.g. Escrow payouts for the Acme marketplace."
          error={fieldErrors.useCase}
        />
        {failure && !failure.fieldErrors && <Alert tone="error">{failure.message}</Alert>}
        <Button type="submit" pending={pending}>
          Create team
        </Button>
      </form>
    </Card>
  );
}
