import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { profileSchema } from "@/lib/validation/profile";
import { getProfile, updatePreferences, updateProfile, upsertUserOnSignIn } from "./account";

describe("users data layer", () => {
  it("creates a profile with escrow indexing on by default", async () => {
    const { id } = await upsertUserOnSignIn(Keypair.random().publicKey());
    const profile = await getProfile(id);
    expect(profile).toMatchObject({ name: null, email: null, useCase: null, saveEscrows: true });
  });

  it("updates only the caller's profile", async () => {
    const a = await upsertUserOnSignIn(Keypair.random().publicKey());
    const b = await upsertUserOnSignIn(Keypair.random().publicKey());
    const input = profileSchema.parse({
      name: "Ada",
      email: "ada@example.com",
      country: "GB",
      phone: "+44 20 7946 0958",
      useCase: "Escrow payouts",
      image: "",
    });
    await updateProfile(a.id, input);
    expect(await getProfile(a.id)).toMatchObject({ name: "Ada", country: "GB", phone: "+442079460958", useCase: "Escrow payouts" });
    expect(await getProfile(b.id)).toMatchObject({ name: null, useCase: null });
  });

  it("persists the escrow preference", async () => {
    const { id } = await upsertUserOnSignIn(Keypair.random().publicKey());
    await updatePreferences(id, { saveEscrows: false });
    expect((await getProfile(id))?.saveEscrows).toBe(false);
    await updatePreferences(id, { saveEscrows: true });
    expect((await getProfile(id))?.saveEscrows).toBe(true);
  });

  it("returns a DTO with the fields the UI needs and nothing else", async () => {
    const { id } = await upsertUserOnSignIn(Keypair.random().publicKey());
    const keys = Object.keys((await getProfile(id)) ?? {}).sort();
    expect(keys).toEqual(["address", "country", "createdAt", "email", "id", "image", "name", "phone", "saveEscrows", "useCase"]);
  });
});
