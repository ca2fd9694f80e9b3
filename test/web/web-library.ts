/**
 * A small library with moderation that may fetch from the tests' loopback page server (what
 * ALLOW_PRIVATE_URLS=true allows), for the chat adapters' web-page tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Library } from "../../src/core/library.ts";
import { createModeratorActions, type ModeratorActions } from "../../src/moderation/moderator-actions.ts";
import { type PageServer, startPageServer } from "./page-server.ts";

/** A page about ferries, for `/add URL` tests. */
export const FERRY_PAGE =
  "<!doctype html><html><head><title>Ferry Times</title></head><body><article><h1>Ferry Times</h1><p>Ferries leave the northern pier every forty minutes between six and midnight.</p></article></body></html>";

export interface WebLibrary {
  server: PageServer;
  library: Library;
  moderation: ModeratorActions;
  close(): Promise<void>;
}

/** Starts the page server and opens a library on a folder holding one note. */
export async function openWebLibrary(): Promise<WebLibrary> {
  const server = await startPageServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-web-"));
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, "notes.md"), "The lighthouse is painted white every spring.");
  const library = await Library.open({ dataDir });
  const moderation = createModeratorActions({
    library,
    dataDir,
    maxBytes: 10_000,
    web: { allowPrivate: true, timeoutMs: 2_000 },
  });
  return {
    server,
    library,
    moderation,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
