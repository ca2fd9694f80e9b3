/**
 * @module
 * `npx tsx bench/variants.ts questions.jsonl … > variants.jsonl`: every question of the given
 * eval files asked again the way chat users type, to check that answers survive it (then
 * `npm run eval -- variants.jsonl`). Two variants a question, each keeping its `expect` and `none`:
 * one typo in its longest word (the bench's typo generator: any position, the first letter
 * included) without the question mark (`cat` + "-typo"), and all in lower case but a capital
 * first letter, as phones write it (`cat` + "-lower"). Seeded, so every run writes the same file.
 * Questions in another script than Latin are left out (the typo generator is for Latin letters).
 */
import { readFileSync } from "node:fs";
import { addTypo } from "./questions.ts";
import { seededRandom } from "./rng.ts";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npx tsx bench/variants.ts questions.jsonl … > variants.jsonl");
  process.exit(2);
}
const random = seededRandom(7);
for (const file of files) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const question = JSON.parse(line) as { q: string; cat?: string };
    if (!/^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{S}]+$/u.test(question.q)) continue;
    const cat = question.cat ?? "question";
    const words = question.q.replace(/\?+\s*$/, "").split(/\s+/);
    let longest = 0;
    words.forEach((w, i) => {
      if (w.length > (words[longest] as string).length) longest = i;
    });
    words[longest] = addTypo(words[longest] as string, random);
    console.log(JSON.stringify({ ...question, q: words.join(" "), cat: `${cat}-typo` }));
    const lower = question.q.toLowerCase();
    console.log(
      JSON.stringify({ ...question, q: lower.charAt(0).toUpperCase() + lower.slice(1), cat: `${cat}-lower` }),
    );
  }
}
