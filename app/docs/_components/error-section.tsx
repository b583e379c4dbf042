import { exampleProblem } from "@/lib/plane/openapi/document";
import { problemAnchor, PROBLEMS, type ProblemCode } from "@/lib/api/problem";
import { CodeBlock, pretty } from "./code-block";
import { InlineCode } from "./inline-code";

/** One error's section: the target of its Problem Details `type` URL (/docs#error-<code>). */
export function ErrorSection({ code, origin }: { code: ProblemCode; origin: string }) {
  const { status, title, description } = PROBLEMS[code];
  return (
    <section
      id={problemAnchor(code)}
      aria-labelledby={`${problemAnchor(code)}-title`}
      className="scroll-mt-6 space-y-2 target:ring-2 target:ring-indigo-500 rounded-md p-2 -m-2"
    >
      <h3 id={`${problemAnchor(code)}-title`} className="flex flex-wrap items-baseline gap-2 font-semibold">
        <code className="font-mono">{code}</code>
        <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">
          {status} · {title}
        </span>
      </h3>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <InlineCode text={description} />
      </p>
      <CodeBlock code={pretty(exampleProblem(origin, code))} label={`Example ${code} problem`} />
    </section>
  );
}
