import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable (a 503 rather than a 500)", () => {
  it("recognises a database that is not there, however the driver words it", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true); // pg's query_timeout
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("timeout exceeded when trying to connect") }))).toBe(true);
  });

  it("does not hide a bug as an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
