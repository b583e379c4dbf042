// The profile form's rules, shared by the browser (instant field errors) and the
// server action (the check that counts).
import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { fieldErrors } from "./field-errors";
import { orEmpty, plainText } from "./text";

export const COUNTRY_CODES: readonly CountryCode[] = getCountries();
const countrySet = new Set<string>(COUNTRY_CODES);

export const MAX_IMAGE_BYTES = 100 * 1024;
const IMAGE_TYPES = {
  png: [0x89, 0x50, 0x4e, 0x47],
  jpeg: [0xff, 0xd8, 0xff],
  webp: [0x52, 0x49, 0x46, 0x46],
  gif: [0x47, 0x49, 0x46, 0x38],
} as const;
const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/]+={0,2})$/;

/** A small uploaded image as a data: URL whose bytes really are the type it claims. */
export function imageProblem(value: string): string | null {
  const match = DATA_URL.exec(value);
  if (!match) return "Upload a PNG, JPEG, WebP or GIF image.";
  const [, type, payload] = match as unknown as [string, keyof typeof IMAGE_TYPES, string];
  if ((payload.length * 3) / 4 > MAX_IMAGE_BYTES) return "The image must be 100 KB or smaller.";
  const head = atob(payload.slice(0, 16));
  const magic = IMAGE_TYPES[type];
  if (!magic.every((byte, i) => head.charCodeAt(i) === byte)) return "That file is not a valid image.";
  return null;
}

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
