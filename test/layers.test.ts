// The layer rule (eslint.layers.mjs) run through ESLint's own API on source written here, at
// paths inside lib/: an import that points up fails `npm run lint`, one that points down passes.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "..") });

/** The layer errors ESLint reports for `source` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.message);
}

const importing = (specifier: string, name: string) => `import { ${name} } from "${specifier}";\nexport const used = ${name};\n`;

describe("lib/ layers: imports point down", () => {
  it.each([
    ["core → domain", "lib/core/fixture.ts", "@/lib/keys/hash", "hashKey", "core may import only core"],
    ["domain → infra", "lib/keys/fixture.ts", "@/lib/database/client", "db", "domain may import only core, domain"],
    ["domain → HTTP edge", "lib/validation/fixture.ts", "@/lib/api/respond", "apiJson", "domain may import only"],
    ["infra → data", "lib/database/fixture.ts", "@/lib/data/users/account", "getProfile", "infra may import only"],
    ["data → auth edge", "lib/data/sign-in/fixture.ts", "@/lib/auth/session", "requireUser", "data may import only"],
    ["lib → app", "lib/plane/fixture.ts", "@/components/format", "shortAddress", "edge may import only"],
    // Shared UI reaching into one route's private files (step-up once took sign-in's wallet client).
    [
      "components → a route",
      "components/step-up/fixture.ts",
      "@/app/(auth)/sign-in/_components/wallet-sign-in",
      "signIn",
      "components may import only",
    ],
  ])("%s fails the lint", { timeout: 60_000 }, async (_name, file, specifier, name, message) => {
    const errors = await layerErrors(file, importing(specifier, name));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["data → infra, domain, core", "lib/data/keys/fixture.ts", ["@/lib/database/client", "@/lib/keys/hash", "@/lib/core/env"]],
    ["edge → data", "lib/api/fixture.ts", ["@/lib/data/keys/lookup"]],
    ["a test reaching up from data", "lib/data/keys/fixture.int.test.ts", ["@/lib/api/key-auth", "@/test/factories"]],
  ])("%s passes", { timeout: 60_000 }, async (_name, file, specifiers) => {
    const source =
      specifiers.map((s, i) => `import * as m${i} from "${s}";`).join("\n") +
      `\nexport const used = [${specifiers.map((_, i) => `m${i}`)}];\n`;
    expect(await layerErrors(file, source)).toEqual([]);
  });

  it("code in a folder of lib/ that belongs to no layer fails until it joins one", { timeout: 60_000 }, async () => {
    const errors = await layerErrors("lib/somewhere-new/thing.ts", importing("@/lib/keys/hash", "hashKey"));
    expect(errors).toEqual([expect.stringContaining("belongs to no layer")]);
  });
});
