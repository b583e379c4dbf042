import { describe, expect, it } from "vitest";
import { imageProblem } from "./image";
import { profileFieldErrors, profileSchema } from "./profile";

const blank = { name: "", email: "", country: "", phone: "", useCase: "", image: "" };
const png = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString("base64")}`;

function errorsOf(input: Partial<typeof blank>) {
  const r = profileSchema.safeParse({ ...blank, ...input });
  return r.success ? {} : profileFieldErrors(r.error);
}

describe("profile schema", () => {
  it("accepts an empty profile: only key requests need the use case", () => {
    expect(profileSchema.parse(blank)).toEqual({ name: null, email: null, country: null, phone: null, useCase: null, image: null });
  });

  it("trims and normalises what it keeps", () => {
    const p = profileSchema.parse({
      ...blank,
      name: "  Ada  ",
      email: " Ada@Example.COM ",
      country: "US",
      phone: "+1 415 555 0132",
      useCase: " Payroll ",
    });
    expect(p).toMatchObject({ name: "Ada", email: "ada@example.com", country: "US", phone: "+14155550132", useCase: "Payroll" });
  });

  it("reads a national phone number in the chosen country", () => {
    expect(profileSchema.parse({ ...blank, country: "AR", phone: "011 4321-0987" }).phone).toBe("+541143210987");
  });

  it("explains each bad field next to that field", () => {
    expect(errorsOf({ email: "not-an-email" }).email).toMatch(/valid email/);
    expect(errorsOf({ phone: "12" }).phone).toMatch(/valid phone number/);
    expect(errorsOf({ phone: "5550132" }).phone).toMatch(/country code/);
    expect(errorsOf({ country: "XX" }).country).toMatch(/from the list/);
    expect(errorsOf({ name: "x".repeat(81) }).name).toMatch(/at most 80/);
    expect(errorsOf({ useCase: "x".repeat(1001) }).useCase).toMatch(/at most 1000/);
  });

  it("reports several bad fields at once", () => {
    expect(Object.keys(errorsOf({ email: "a@", country: "ZZ", phone: "12" })).sort()).toEqual(["country", "email", "phone"]);
  });
});

describe("profile image", () => {
  it("accepts a small image whose bytes match its type", () => {
    expect(imageProblem(png)).toBeNull();
    expect(errorsOf({ image: png }).image).toBeUndefined();
  });

  it("refuses other types, lies about the type, and large files", () => {
    expect(imageProblem("data:image/svg+xml;base64,PHN2Zz4=")).toMatch(/PNG, JPEG/);
    expect(imageProblem(png.replace("image/png", "image/jpeg"))).toMatch(/not a valid image/);
    expect(imageProblem("https://example.com/a.png")).toMatch(/PNG, JPEG/);
    const big = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(110 * 1024)]).toString("base64")}`;
    expect(imageProblem(big)).toMatch(/100 KB/);
  });
});
