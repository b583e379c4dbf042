import { readBodyBytes } from "@/lib/api/body";
import { otherMethods } from "@/lib/api/methods";
import { ipFromHeaders } from "@/lib/http/client-ip";
import { apiError, apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { quarantineLeakedKeys } from "@/lib/data/keys/leaked";
import { env, keyHashSecret } from "@/lib/core/env";
import { parseKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import {
  githubReportSchema,
  MAX_REPORT_BYTES,
  publicKeyMap,
  tokenHash,
  verifyGithubSignature,
  type GithubFeedback,
} from "@/lib/secret-scanning/github";

// Parsed once: lib/core/env.ts has already checked every key is a P-256 public key.
const githubKeys = env.GITHUB_SECRET_SCANNING_KEYS ? publicKeyMap(env.GITHUB_SECRET_SCANNING_KEYS) : null;

/**
 * GitHub's secret-scanning partner endpoint: GitHub posts the tokens matching our pattern
 * that it found in public. Only a report signed with one of GitHub's keys is read (401 and
 * nothing changes otherwise); each token that is one of our keys is quarantined at once and
 * audited with where it was found. The answer is GitHub's feedback: one label per token.
 */
export const POST = apiRoute(async (request: Request) => {
  if (!githubKeys) {
    return apiError("not_configured", "Secret-scanning reports are off: set GITHUB_SECRET_SCANNING_KEYS on the server to accept them.");
  }
  const body = await readBodyBytes(request, MAX_REPORT_BYTES);
  if (!body) return apiError("body_too_large", `The body must be at most ${MAX_REPORT_BYTES / 1024 / 1024} MB.`);
  const signed = verifyGithubSignature(
    body,
    request.headers.get("github-public-key-identifier"),
    request.headers.get("github-public-key-signature"),
    githubKeys,
  );
  if (!signed) return apiError("invalid_signature", "The report is not signed by a configured GitHub secret-scanning key.");

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return apiError("invalid_json", "The body must be a UTF-8 JSON array of { token, type, url, source }.");
  }
  const parsed = githubReportSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return apiError("invalid_request", `${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}`);
  }

  // Only well-formed keys with our prefix and a valid checksum can be ours: the rest never cost a lookup.
  const secret = keyHashSecret();
  const reports = parsed.data.map((r) => ({ ...r, hash: parseKey(r.token, env.KEY_PREFIX).ok ? hashKey(r.token, secret) : null }));
  const ours = await quarantineLeakedKeys(
    reports.flatMap((r) => (r.hash ? [{ hash: r.hash, url: r.url, source: r.source, type: r.type }] : [])),
    ipFromHeaders(request.headers),
  );
  return apiJson(
    reports.map((r): GithubFeedback => ({
      token_hash: tokenHash(r.token),
      token_type: r.type,
      label: r.hash && ours.has(r.hash) ? "true_positive" : "false_positive",
    })),
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
