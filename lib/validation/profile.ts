// The profile form's rules, run by the server action only: the form shows the field errors it
// returns. Kept out of the browser, which would otherwise load zod and phone parsing (~60 kB
// compressed) with the page.
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { fieldErrors } from "./field-errors";
import { imageProblem } from "./image";
import { orEmpty, plainText } from "./text";

export const COUNTRY_CODES: readonly CountryCode[] = getCountries();
const countrySet = new Set<string>(COUNTRY_CODES);

const blankToNull = (v: string) => (v === "" ? null : v);
const text = (label: string, max: number, multiline = false) =>
  plainText(label, { multiline }).trim().max(max, `${label} must be at most ${max} characters.`).transform(blankToNull);

export const profileSchema = z
  .object({
    name: orEmpty(text("Name", 80)),
    email: orEmpty(
      z
        .string()
        .trim()
        .max(254, "Email must be at most 254 characters.")
        .transform(blankToNull)
        .pipe(z.email("Enter a valid email address, like you@example.com.").toLowerCase().nullable()),
    ),
    country: orEmpty(
      z
        .string()
        .trim()
        .transform(blankToNull)
        .refine((v) => v === null || countrySet.has(v), "Choose a country from the list."),
    ),
    phone: orEmpty(text("Phone", 32)),
    useCase: orEmpty(text("Use case", 1000, true)),
    image: orEmpty(
      z
        .string()
        .transform(blankToNull)
        .superRefine((v, ctx) => {
          const problem = v === null ? null : imageProblem(v);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
    ),
  })
  // Checked even when other fields failed, so every error shows at once. National
  // numbers are read in the chosen country; the number is stored in E.164.
  .refine((p) => p.phone === null || parsePhone(p.phone, p.country)?.isValid() === true, {
    path: ["phone"],
    message: "Enter a valid phone number with its country code, like +1 415 555 0100.",
    when: () => true,
  })
  .transform((p) => ({ ...p, phone: p.phone === null ? null : (parsePhone(p.phone, p.country)!.number as string) }));

function parsePhone(phone: unknown, country: unknown) {
  if (typeof phone !== "string") return undefined;
  const region = typeof country === "string" && countrySet.has(country) ? (country as CountryCode) : undefined;
  return parsePhoneNumberFromString(phone, region);
}

export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileFields = keyof ProfileInput;
export type FieldErrors = Partial<Record<ProfileFields, string>>;

export const profileFieldErrors = (error: z.ZodError): FieldErrors => fieldErrors<ProfileFields>(error);

export const preferencesSchema = z.object({ saveEscrows: z.boolean({ error: "saveEscrows must be true or false." }) });
