"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import Link from "next/link";
import { useState } from "react";
import { useFormAction } from "@/components/use-form-action";
import { Avatar } from "@/components/avatar";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { Profile } from "@/lib/data/users/account";
import type { FieldErrors } from "@/lib/validation/profile";
import { saveProfile } from "../actions";
import { ImagePicker } from "./image-picker";

/**
 * `countries` comes from the server: Node's and the browser's ICU name some regions
 * differently ("Turkey"/"Türkiye"), and a list built twice would not hydrate.
 */
export function ProfileForm({ profile, countries }: { profile: Profile; countries: { code: string; name: string }[] }) {
  const [image, setImage] = useState(profile.image ?? "");
  // Whether this visit started without a use case: saving one then leads on to the first key.
  const [firstUseCase] = useState(!profile.useCase);
  // The field errors are the server's (zod, with phone parsing): running the schema here too
  // would put zod and libphonenumber in this page's first load for an answer one round trip
  // sooner. The browser's own limits (maxLength, type) still act as the user types.
  const { state, pending, onSubmit, fieldErrors: errors } = useFormAction<null, keyof FieldErrors>(saveProfile);

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <HydrationMarker />
      {state && !state.ok ? (
        <Alert tone="error">{state.message}</Alert>
      ) : (
        !profile.useCase && <Alert tone="info">Add your use case below: it is required before you can request an API key.</Alert>
      )}
      <Card
        title="Profile"
        description="How Keyport and the platform team know you. Only the use case is needed, and only to request API keys."
        footer={
          // What happened, beside the button just pressed: where the eye is (the top of the form may be scrolled away).
          <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
            {state?.ok && (
              <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
                {state.message}
                {firstUseCase && profile.useCase && (
                  <>
                    {" "}
                    You can request API keys now.{" "}
                    <Link href="/settings/api-keys?request=1" className="font-semibold underline">
                      Request your first key →
                    </Link>
                  </>
                )}
              </p>
            )}
            <Button type="submit" pending={pending}>
              Update profile
            </Button>
          </div>
        }
      >
        <div className="space-y-5">
          <div className="flex items-center gap-4">
            <Avatar address={profile.address} image={image || null} size={64} />
            <ImagePicker value={image} onChange={setImage} error={errors.image} />
            <input type="hidden" name="image" value={image} />
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField label="Name" name="name" defaultValue={profile.name ?? ""} autoComplete="name" maxLength={80} error={errors.name} />
            {/* #email: where the e-mail notifications card sends someone with no address. */}
            <div id="email" className="scroll-mt-20">
              <TextField
                label="Email"
                name="email"
                type="email"
                defaultValue={profile.email ?? ""}
                autoComplete="email"
                maxLength={254}
                error={errors.email}
              />
            </div>
            <SelectField label="Country" name="country" defaultValue={profile.country ?? ""} error={errors.country}>
              <option value="">Not set</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Phone"
              name="phone"
              type="tel"
              defaultValue={profile.phone ?? ""}
              autoComplete="tel"
              maxLength={32}
              placeholder="+1 415 555 0100"
              hint="With the country code, or a national number in the country chosen."
              error={errors.phone}
            />
          </div>
          <TextAreaField
            label="Use case"
            name="useCase"
            requiredFor="API keys"
            defaultValue={profile.useCase ?? ""}
            maxLength={1000}
            placeholder="What will you build? e.g. Escrow payouts for a freelance marketplace, synced to our CRM."
            hint="Required before you can request an API key; not needed to use Keyport."
            error={errors.useCase}
          />
        </div>
      </Card>
    </form>
  );
}
