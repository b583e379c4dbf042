"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { imageProblem, MAX_IMAGE_BYTES } from "@/lib/validation/image";

/** Reads a small image into a data: URL, or goes back to the generated avatar. */
export function ImagePicker({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const shown = localError ?? error;

  function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES) return setLocalError("The image must be 100 KB or smaller.");
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      const problem = imageProblem(url);
      setLocalError(problem);
      if (!problem) onChange(url);
    };
    reader.readAsDataURL(file);
  }

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <label htmlFor={id} className="sr-only">
          Image
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          className="sr-only"
          aria-describedby={shown ? `${id}-error` : `${id}-hint`}
          onChange={(e) => pick(e.target.files?.[0])}
        />
        <Button type="button" variant="secondary" size="sm" onClick={() => input.current?.click()}>
          Upload image
        </Button>
        {value && (
          <Button type="button" variant="ghost" size="sm" onClick={() => (setLocalError(null), onChange(""))}>
            Use generated avatar
          </Button>
        )}
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        PNG, JPEG, WebP or GIF up to 100 KB. Without one, an avatar is drawn from your address.
      </p>
      {shown && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {shown}
        </p>
      )}
    </div>
  );
}
