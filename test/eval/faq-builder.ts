/**
 * The held-out FAQ sets' builders (`eval/faq-extra.mjs`, `eval/faq-extra-2.mjs`) as their tests load
 * them: plain ESM scripts outside the TypeScript sources, typed here once.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface FaqSource {
  id: string;
  pkg: string;
  title: string;
  file: string;
}

export interface BuiltSet {
  questions: { q: string; within: string; cat: string; entry: number; num: string }[];
  summary: { faq: string; skipped: Record<string, number> }[];
  missing: { faq: string; pkg: string; file: string }[];
}

/** A builder script's `build`, and `like(id, file)`: its FAQ `id`'s source read from `file` instead. */
export async function faqBuilder(script: string) {
  const faq = (await import(pathToFileURL(path.resolve(script)).href)) as {
    SOURCES: FaqSource[];
    build(out: string, options: { sources: FaqSource[] }): BuiltSet;
  };
  const like = (id: string, file: string): FaqSource => ({
    ...(faq.SOURCES.find((s) => s.id === id) as FaqSource),
    file,
  });
  return { build: faq.build, like };
}

/** A fixture file beside the tests. */
export const fixture = (name: string) => path.resolve("test/eval/fixtures", name);
