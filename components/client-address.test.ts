import { describe, expect, it } from "vitest";
import { addressLabel } from "./client-address";

describe("addressLabel", () => {
  it.each([
    ["127.0.0.1", "localhost"],
    ["::1", "localhost"],
    ["127.0.0.53", "localhost"],
    ["::ffff:127.0.0.1", "localhost"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["not an address", "not an address"],
  ])("%s reads %s", (ip, label) => expect(addressLabel(ip)).toBe(label));
});
