// The uploaded-image check, without zod: the profile page's image picker runs it in the
// browser as soon as a file is picked, and importing it must not bring zod or phone parsing
// into that page's first load. The profile schema runs the same check on the server.

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
