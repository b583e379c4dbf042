// A team key needs the team's use case, not the requester's (#25.17): a teammate who never wrote
// a personal use case requests team keys once an owner or admin has said what the team builds;
// their personal workspace still needs their own.
import { signed } from "@/test/step-up";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { createKey } from "@/lib/data/keys/lifecycle";
import { getKeyContext } from "@/lib/data/keys/list";
import { getMainnetAccess, requestMainnet } from "@/lib/data/mainnet/requests";
import { keyInput, makeUser } from "@/test/factories";
import { join, makeTeam } from "@/test/teams";
import { listWorkspaces } from "./admin";
import { createTeam, setTeamUseCase, teamUseCase } from "./teams";

beforeAll(() => db.$queryRaw`SELECT 1`);

const WHY = "Weekly USDC payroll for 40 contractors in three countries.";
const useCaseEvents = (workspaceId: string) => db.auditEvent.findMany({ where: { workspaceId, action: "workspace.use_case" } });

describe("a team's use case", () => {
  it("a teammate without a personal use case requests a team key once the team has one, and not before", async () => {
    const team = await makeTeam({ useCase: null });
    const newcomer = await makeUser({ useCase: null });
    await join(team.owner, team.id, newcomer, "developer");

    const refused = await signed(newcomer, (s) => createKey(newcomer, team.id, keyInput(), s));
    expect(refused).toMatchObject({ ok: false, code: "use_case_required" });
    expect(!refused.ok && refused.message).toMatch(/team has no use case yet.*Team settings/);
    expect(await getKeyContext(team.id, newcomer.id)).toMatchObject({ hasUseCase: false });
    // A personal use case does not stand in for the team's.
    expect(await signed(team.developer, (s) => createKey(team.developer, team.id, keyInput(), s))).toMatchObject({
      ok: false,
      code: "use_case_required",
    });

    expect(await setTeamUseCase(team.admin, team.id, "Escrow payouts for the Acme marketplace")).toMatchObject({ ok: true });
    expect(await getKeyContext(team.id, newcomer.id)).toMatchObject({ hasUseCase: true });
    expect(await signed(newcomer, (s) => createKey(newcomer, team.id, keyInput(), s))).toMatchObject({ ok: true });

    // Their own workspace still asks for their own.
    const personal = await signed(newcomer, (s) => createKey(newcomer, newcomer.workspaceId, keyInput(), s));
    expect(personal).toMatchObject({ ok: false, code: "use_case_required" });
    expect(!personal.ok && personal.message).toMatch(/your profile/);
  });

  it("owners and admins set it, audited with before and after; developers, viewers and outsiders are refused and change nothing", async () => {
    const team = await makeTeam({ useCase: null });
    const outsider = await makeUser();
    for (const who of [team.developer, team.viewer]) {
      expect(await setTeamUseCase(who, team.id, "Mine now")).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await setTeamUseCase(outsider, team.id, "Mine now")).toMatchObject({ ok: false, code: "not_found" });
    expect(await teamUseCase(team.id)).toBeNull();
    expect(await useCaseEvents(team.id)).toHaveLength(0);

    expect(await setTeamUseCase(team.owner, team.id, "Payouts")).toMatchObject({ ok: true });
    expect(await setTeamUseCase(team.admin, team.id, "Payouts and refunds")).toMatchObject({ ok: true });
    expect(await setTeamUseCase(team.admin, team.id, "Payouts and refunds")).toMatchObject({ ok: true }); // unchanged: no event
    const events = await useCaseEvents(team.id);
    expect(events.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { before: { useCase: null }, after: { useCase: "Payouts" } },
        { before: { useCase: "Payouts" }, after: { useCase: "Payouts and refunds" } },
      ]),
    );
    expect(events).toHaveLength(2);
    expect(await teamUseCase(team.id)).toBe("Payouts and refunds");
  });

  it("a personal workspace keeps its use case in the profile", async () => {
    const user = await makeUser({ useCase: null });
    expect(await setTeamUseCase(user, user.workspaceId, "Side project")).toMatchObject({ ok: false, code: "personal" });
    expect(await teamUseCase(user.workspaceId)).toBeNull();
  });

  it("may be given when the team is created", async () => {
    const owner = await makeUser({ useCase: null });
    const made = await createTeam(owner, { name: "Given", slug: `given-${Date.now().toString(36)}`, useCase: "Marketplace payouts" });
    if (!made.ok) throw new Error(made.code);
    expect(await teamUseCase(made.data.id)).toBe("Marketplace payouts");
    expect(await signed(owner, (s) => createKey(owner, made.data.id, keyInput(), s))).toMatchObject({ ok: true });
    // What an admin deciding the team's Mainnet request reads in Admin → Workspaces.
    const listed = await listWorkspaces({ page: 1, pageSize: 10, q: made.data.name });
    expect(listed.rows).toEqual([expect.objectContaining({ id: made.data.id, useCase: "Marketplace payouts" })]);
  });

  it("Mainnet for a team needs the team's use case, not the asker's", async () => {
    const owner = await makeUser({ useCase: null });
    const team = await makeTeam({ owner, useCase: null });
    const refused = await requestMainnet(owner, team.id, WHY);
    expect(refused).toMatchObject({ ok: false, code: "use_case_required" });
    expect((await getMainnetAccess(team.id, owner.id)).hasUseCase).toBe(false);
    await setTeamUseCase(owner, team.id, "Marketplace payouts");
    expect((await getMainnetAccess(team.id, owner.id)).hasUseCase).toBe(true);
    expect(await requestMainnet(owner, team.id, WHY)).toMatchObject({ ok: true });
  });
});
