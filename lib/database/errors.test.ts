import { describe, expect, it } from "vitest";
import { databaseErrorAnswer, databaseUnavailableAnswer, isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable (a 503 rather than a 500)", () => {
  it("recognises a database that is not there, however the driver words it", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true); // pg's query_timeout
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("timeout exceeded when trying to connect") }))).toBe(true);
    // The circuit (lib/database/circuit.ts): a connection severed on a hung server, a connect refused while it is known down.
    expect(
      isDatabaseUnavailable(Object.assign(new Error("Connection terminated: PostgreSQL is unreachable"), { code: "ECONNRESET" })),
    ).toBe(true);
    expect(isDatabaseUnavailable({ kind: "DatabaseNotReachable" })).toBe(true); // Prisma's driver adapter
    expect(isDatabaseUnavailable(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }))).toBe(true);
  });

  it("answers an outage with one 503: problem+json, code unavailable, Retry-After", () => {
    const answer = databaseUnavailableAnswer("https://keys.example.com");
    expect(answer).toMatchObject({
      status: 503,
      headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", "Retry-After": "5" },
      body: { status: 503, code: "unavailable", type: "https://keys.example.com/docs#error-unavailable" },
    });
    expect(databaseErrorAnswer(new Error("connect ECONNREFUSED 10.0.0.5:5432"), "https://keys.example.com")).toEqual(answer);
    expect(databaseErrorAnswer(new TypeError("x is undefined"), "https://keys.example.com")).toBeNull();
  });

  it("does not hide a bug as an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
