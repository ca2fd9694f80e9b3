/**
 * @module
 * Validation the fake Discord applies to what the bot sends, mirroring the limits Discord
 * documents (and rejects with 400 Invalid Form Body). Shared by the fake and the renderer tests.
 */

type Json = Record<string, unknown>;

const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Problems with a message payload (create, edit, interaction response data). Empty when valid.
 * `create` requires something to show (content, an embed or components), as Discord does.
 */
export function messageProblems(body: unknown, options: { create: boolean }): string[] {
  const problems: string[] = [];
  if (!isObj(body)) return ["body must be an object"];
  if (body.content !== undefined && body.content !== null && typeof body.content !== "string")
    problems.push("content must be a string");
  if (len(body.content) > 2000) problems.push(`content is ${len(body.content)} > 2000`);
  const embeds = (body.embeds ?? []) as unknown[];
  if (!Array.isArray(embeds)) problems.push("embeds must be an array");
  else {
    if (embeds.length > 10) problems.push("more than 10 embeds");
    let total = 0;
    embeds.forEach((e, i) => {
      if (!isObj(e)) {
        problems.push(`embeds[${i}] must be an object`);
        return;
      }
      const fields = (e.fields ?? []) as Json[];
      const footer = isObj(e.footer) ? e.footer : {};
      const author = isObj(e.author) ? e.author : {};
      if (len(e.title) > 256) problems.push(`embeds[${i}].title is ${len(e.title)} > 256`);
      if (len(e.description) > 4096)
        problems.push(`embeds[${i}].description is ${len(e.description)} > 4096`);
      if (e.description === "") problems.push(`embeds[${i}].description is empty`);
      if (fields.length > 25) problems.push(`embeds[${i}] has ${fields.length} > 25 fields`);
      fields.forEach((f, j) => {
        if (!len(f.name) || len(f.name) > 256) problems.push(`embeds[${i}].fields[${j}].name must be 1-256`);
        if (!len(f.value) || len(f.value) > 1024)
          problems.push(`embeds[${i}].fields[${j}].value must be 1-1024`);
        total += len(f.name) + len(f.value);
      });
      if (len(footer.text) > 2048) problems.push(`embeds[${i}].footer.text > 2048`);
      if (len(author.name) > 256) problems.push(`embeds[${i}].author.name > 256`);
      total += len(e.title) + len(e.description) + len(footer.text) + len(author.name);
    });
    if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  }
  const rows = (body.components ?? []) as Json[];
  if (rows.length > 5) problems.push("more than 5 action rows");
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const items = (row.components ?? []) as Json[];
    if (row.type !== 1) problems.push(`components[${i}] must be an action row`);
    if (items.length < 1 || items.length > 5) problems.push(`components[${i}] must hold 1-5 buttons`);
    for (const b of items) {
      if (len(b.label) > 80) problems.push("button label > 80");
      if (b.style !== 5 && (!len(b.custom_id) || len(b.custom_id) > 100))
        problems.push("custom_id must be 1-100");
      if (typeof b.custom_id === "string") {
        if (ids.has(b.custom_id)) problems.push(`duplicate custom_id ${b.custom_id}`);
        ids.add(b.custom_id);
      }
      if (!b.label && !b.emoji) problems.push("button needs a label or an emoji");
    }
  });
  const am = body.allowed_mentions;
  if (am !== undefined && am !== null) {
    if (!isObj(am)) problems.push("allowed_mentions must be an object");
    else if (
      Array.isArray(am.parse) &&
      am.parse.some((p) => !["users", "roles", "everyone"].includes(String(p)))
    )
      problems.push("allowed_mentions.parse has an unknown type");
  }
  const empty = !len(body.content) && embeds.length === 0 && rows.length === 0;
  if (options.create && empty) problems.push("Cannot send an empty message");
  return problems;
}

/** Problems with an autocomplete result (interaction response type 8). */
export function choiceProblems(data: unknown): string[] {
  if (!isObj(data) || !Array.isArray(data.choices)) return ["data.choices must be an array"];
  const problems: string[] = [];
  if (data.choices.length > 25) problems.push("more than 25 choices");
  for (const c of data.choices as Json[]) {
    if (!len(c.name) || len(c.name) > 100) problems.push("choice name must be 1-100");
    if (typeof c.value === "string" && (!c.value.length || c.value.length > 100))
      problems.push("choice value 1-100");
  }
  return problems;
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Problems with a bulk command registration body (PUT /applications/:id/commands). */
export function commandProblems(body: unknown): string[] {
  if (!Array.isArray(body)) return ["body must be an array of commands"];
  const problems: string[] = [];
  if (body.length > 100) problems.push("more than 100 commands");
  for (const c of body as Json[]) {
    const name = String(c.name);
    if (!NAME.test(name) || name !== name.toLowerCase()) problems.push(`bad command name ${name}`);
    if (!len(c.description) || len(c.description) > 100) problems.push(`${name}: description must be 1-100`);
    const options = (c.options ?? []) as Json[];
    if (options.length > 25) problems.push(`${name}: more than 25 options`);
    const firstOptional = options.findIndex((o) => !o.required);
    if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required))
      problems.push(`${name}: required options must come before optional ones`);
    for (const o of options) {
      if (!NAME.test(String(o.name))) problems.push(`${name}: bad option name ${String(o.name)}`);
      if (!len(o.description) || len(o.description) > 100)
        problems.push(`${name}.${String(o.name)}: description 1-100`);
    }
  }
  return problems;
}
