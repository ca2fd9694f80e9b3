/**
 * @module
 * Moderator actions across shard processes. The files in DATA_DIR and the index snapshot are
 * shared state and the parent process owns the moderation object (its audit log, usage store and
 * library), so a shard does not act itself: it sends each request to the parent over IPC and
 * waits for the answer (`relayModeration`); the parent runs it (`serveModeration`) and then tells
 * every shard to reload the index the parent just saved. Only the cheap, pure upload precheck runs
 * in the shard, so a refused attachment is still never downloaded.
 */
import { LibraryError } from "../../core/library.ts";
import type { ReindexReport } from "../../core/types.ts";
import { type Moderator, precheckUpload } from "../../moderation/moderator-actions.ts";
import { UploadError, type UploadErrorCode } from "../../moderation/upload-error.ts";
import type { DiscordModeration } from "./deps.ts";

/** A moderator action a shard asks the parent to run. */
export type ModerationRequest = { citebot: "moderate"; id: number; moderator: Moderator } & (
  | { action: "reindex"; dryRun: boolean }
  | { action: "rollback" }
  | { action: "add"; fileName: string; base64: string; overwrite: boolean }
  | { action: "remove"; name: string }
  | { action: "stats" }
);

/** The parent's answer; `reload` tells the shard to load the new index before replying. */
export type ModerationReply = { citebot: "moderated"; id: number } & (
  | { ok: true; result: unknown; reload: boolean }
  | { ok: false; error: { name: string; message: string; code?: UploadErrorCode } }
);

/** Long enough for a reindex of a large folder; bounded so a lost reply cannot hang a command forever. */
const REPLY_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs a shard's request on the parent's moderation object; never throws.
 *
 * @example
 * ```ts
 * shard.on("message", async (m) => { if (m?.citebot === "moderate") void shard.send(await serveModeration(moderation, m)); });
 * ```
 */
export async function serveModeration(
  moderation: DiscordModeration,
  request: ModerationRequest,
): Promise<ModerationReply> {
  const { id, moderator } = request;
  try {
    let result: unknown;
    let report: ReindexReport | undefined;
    if (request.action === "reindex")
      result = report = await moderation.reindex(moderator, { dryRun: request.dryRun });
    else if (request.action === "rollback") result = report = await moderation.rollback(moderator);
    else if (request.action === "stats") result = await moderation.statsText();
    else if (request.action === "remove") {
      const removed = await moderation.removeDocument(moderator, request.name);
      result = removed;
      report = removed.report;
    } else {
      const bytes = Buffer.from(request.base64, "base64");
      const { fileName, overwrite } = request;
      const added = await moderation.addDocument(moderator, { fileName, bytes, overwrite });
      result = added;
      report = added.report;
    }
    const reload = report?.applied === true && !report.dryRun;
    return { citebot: "moderated", id, ok: true, result, reload };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = err instanceof UploadError ? err.code : undefined;
    return { citebot: "moderated", id, ok: false, error: { name: e.name, message: e.message, code } };
  }
}

/** Rebuilds the error the parent reported, so the shard shows moderator-facing ones as they are. */
function toError(error: { name: string; message: string; code?: UploadErrorCode }): Error {
  if (error.name === "UploadError") return new UploadError(error.code ?? "io", error.message);
  if (error.name === "LibraryError") return new LibraryError(error.message);
  return new Error(`citebot: the main process failed a moderator action: ${error.message}`);
}

/**
 * A {@link DiscordModeration} for a shard process that relays every action to the parent.
 * Feed it the parent's replies with `onMessage`; `reload` loads the index the parent saved.
 *
 * @example
 * ```ts
 * const relay = relayModeration({ send: (m) => process.send?.(m), maxBytes, reload });
 * process.on("message", (m) => relay.onMessage(m));
 * ```
 */
export function relayModeration(options: {
  send: (request: ModerationRequest) => void;
  maxBytes: number;
  reload: () => Promise<void>;
}): { moderation: DiscordModeration; onMessage(message: unknown): void } {
  const pending = new Map<number, (reply: ModerationReply) => void>();
  let nextId = 1;
  type Body = ModerationRequest extends infer R
    ? R extends unknown
      ? Omit<R, "citebot" | "id">
      : never
    : never;
  const ask = <T>(body: Body): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("citebot: the main process did not answer a moderator action in 10 minutes"));
      }, REPLY_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        if (!reply.ok) return reject(toError(reply.error));
        // answer only once this shard answers from the new index too
        const ready = reply.reload ? options.reload() : Promise.resolve();
        ready.then(() => resolve(reply.result as T), reject);
      });
      options.send({ citebot: "moderate", id, ...body } as ModerationRequest);
    });
  const moderation: DiscordModeration = {
    maxBytes: options.maxBytes,
    reindex: (moderator, o = {}) => ask({ action: "reindex", moderator, dryRun: o.dryRun ?? false }),
    rollback: (moderator) => ask({ action: "rollback", moderator }),
    precheckUpload: (fileName, size) => precheckUpload(fileName, size, { maxBytes: options.maxBytes }),
    addDocument: (moderator, upload) =>
      ask({
        action: "add",
        moderator,
        fileName: upload.fileName,
        base64: Buffer.from(upload.bytes).toString("base64"),
        overwrite: upload.overwrite ?? false,
      }),
    removeDocument: (moderator, name) => ask({ action: "remove", moderator, name }),
    statsText: () => ask<string>({ action: "stats", moderator: { platform: "discord" } }),
  };
  return {
    moderation,
    onMessage(message) {
      const reply = message as ModerationReply | undefined;
      if (reply?.citebot === "moderated") pending.get(reply.id)?.(reply);
    },
  };
}
