/**
 * @module
 * A library per community (`LIBRARY_SCOPE=community`): each Telegram group and Discord server,
 * named by its community key (`telegram:<chatId>`, `discord:<guildId>`), gets its own documents
 * and snapshot under `STATE_DIR/communities/<platform>-<id>/`, created on its first moderator
 * action. Documents live under STATE_DIR, not DATA_DIR, because the base library indexes DATA_DIR
 * recursively and must never quote a community's files. Libraries load on first use and the least
 * recently used are unloaded under a memory budget; an unloaded one reloads from its snapshot.
 * Each library has its own reindex queue, so one community's reindex never blocks another's answers.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { LRUCache } from "lru-cache";
import { Library, type LibraryOptions } from "../core/library.ts";
import type { Answer, AskOptions, DocumentInfo, Logger } from "../core/types.ts";
import { silentLogger } from "../core/types.ts";
import { mergeAnswers } from "./merged-answer.ts";

/** Options for {@link LibraryRegistry}. */
export interface LibraryRegistryOptions {
  /** The base library (DATA_DIR), which communities include unless they turn it off. */
  base: Library;
  /** STATE_DIR: community libraries live in its `communities/` folder. */
  stateDir: string;
  /** Estimated bytes of community libraries kept loaded at once (LIBRARY_MEMORY_MB). */
  memoryBytes: number;
  logger?: Logger;
  /** How a community library is opened; tests and `npm start` leave the default. */
  open?: (options: LibraryOptions) => Promise<Library>;
  /** With several processes (`REDIS_URL`): changes made one at a time, and the others told. */
  sync?: CommunitySync;
}

/**
 * How community changes are shared between processes: `change` runs one (as the only process
 * changing that community) and then tells the others, which {@link LibraryRegistry.forget} it.
 */
export interface CommunitySync {
  change<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** Where a community library keeps its files. */
export interface CommunityFolders {
  root: string;
  dataDir: string;
  snapshotPath: string;
  settingsPath: string;
}

/** One line of `npm run libraries`. */
export interface LibrarySummary {
  key: string;
  documents: number;
  passages: number;
  /** Estimated bytes in memory when loaded. */
  bytes: number;
  includesBase: boolean;
  /** When its snapshot was last written (its last change), if ever. */
  changed?: Date;
}

/** A community key that names no community, or names it in a way that could escape its folder. */
export class CommunityKeyError extends Error {
  override name = "CommunityKeyError";
  constructor(key: string) {
    super(`citebot: "${key}" is not a library name; use telegram:<chat id> or discord:<server id>`);
  }
}

const KEY = /^(telegram|discord):(-?\d{1,25})$/;

/**
 * The folders of a community's library under STATE_DIR; throws {@link CommunityKeyError} for a
 * malformed key.
 *
 * @example
 * ```ts
 * communityFolders("state", "telegram:-100123").dataDir; // state/communities/telegram--100123/data
 * ```
 */
export function communityFolders(stateDir: string, key: string): CommunityFolders {
  const match = KEY.exec(key);
  if (!match) throw new CommunityKeyError(key);
  const root = path.join(stateDir, "communities", `${match[1]}-${match[2]}`);
  return {
    root,
    dataDir: path.join(root, "data"),
    snapshotPath: path.join(root, "index.json"),
    settingsPath: path.join(root, "settings.json"),
  };
}

/**
 * Every community library under STATE_DIR, each opened from its snapshot to count it
 * (`npm run libraries`).
 *
 * @example
 * ```ts
 * for (const l of await listCommunityLibraries("state")) console.log(l.key, l.documents);
 * ```
 */
export async function listCommunityLibraries(stateDir: string): Promise<LibrarySummary[]> {
  const names = await readdir(path.join(stateDir, "communities")).catch(() => [] as string[]);
  const out: LibrarySummary[] = [];
  for (const name of names.sort()) {
    const match = /^(telegram|discord)-(-?\d+)$/.exec(name);
    if (!match) continue;
    const key = communityKey(match[1] as "telegram" | "discord", match[2] as string);
    const folders = communityFolders(stateDir, key);
    const { dataDir, snapshotPath } = folders;
    const library = await Library.open({ dataDir, snapshotPath, reindexOnOpen: false, cacheSize: 0 });
    const settings = await readSettings(folders.settingsPath);
    const changed = await stat(folders.snapshotPath).then(
      (s) => s.mtime,
      () => undefined,
    );
    out.push({
      key,
      ...library.size,
      bytes: estimateBytes(library),
      includesBase: settings.base !== false,
      changed,
    });
  }
  return out;
}

const readSettings = (file: string): Promise<{ base?: boolean }> =>
  readFile(file, "utf8").then(
    (text) => JSON.parse(text) as { base?: boolean },
    () => ({}),
  );

/** The community key of a platform and its group or server id. */
export const communityKey = (platform: "telegram" | "discord", id: string | number): string =>
  `${platform}:${id}`;

/**
 * A rough size of a loaded library: its passage text (held as UTF-16, plus the index's postings
 * and sentence spans) and a fixed cost per passage and per library.
 */
export function estimateBytes(library: Pick<Library, "size">): number {
  const { passages, characters } = library.size;
  return 65_536 + passages * 1_024 + characters * 8;
}

/**
 * Resolves community keys to their libraries.
 *
 * @example
 * ```ts
 * const registry = new LibraryRegistry({ base, stateDir: config.stateDir, memoryBytes: 256 << 20 });
 * const answer = await registry.answering("telegram:-100123").ask("when is the meeting?");
 * ```
 */
export class LibraryRegistry {
  readonly #options: Required<Omit<LibraryRegistryOptions, "logger" | "sync">> & {
    logger: Logger;
    sync?: CommunitySync;
  };
  readonly #loaded: LRUCache<string, Library>;
  readonly #loading = new Map<string, Promise<Library>>();
  /** Moderator work still running on a library, perhaps one already unloaded: a reload waits for it. */
  readonly #busy = new Map<string, Promise<unknown>>();
  readonly #includesBase = new Map<string, boolean>();

  constructor(options: LibraryRegistryOptions) {
    this.#options = { logger: silentLogger, open: (o) => Library.open(o), ...options };
    this.#loaded = new LRUCache<string, Library>({
      maxSize: Math.max(1, options.memoryBytes),
      sizeCalculation: (library) => Math.max(1, estimateBytes(library)),
    });
  }

  /** The base library. */
  get base(): Library {
    return this.#options.base;
  }

  /** How many community libraries are loaded now. */
  get loadedCount(): number {
    return this.#loaded.size;
  }

  /** The folders of a community's library; throws {@link CommunityKeyError} for a malformed key. */
  folders(key: string): CommunityFolders {
    return communityFolders(this.#options.stateDir, key);
  }

  /** Whether the community has a library (a moderator acted there once). */
  async exists(key: string): Promise<boolean> {
    if (this.#loaded.has(key)) return true;
    return stat(this.folders(key).dataDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  /**
   * What a question in `key` is answered from: the community's library merged with the base (if
   * it includes it); the base alone without a key (private chats, inline queries) or a library.
   */
  answering(key: string | undefined): AnsweringLibrary {
    return {
      ask: (question, options) => this.#ask(key, question, options),
      documents: () => this.documents(key),
      suggest: (partial, limit) => this.#options.base.suggest(partial, limit),
    };
  }

  /** The documents a question in `key` can cite. */
  async documents(key: string | undefined): Promise<DocumentInfo[]> {
    const own = key && (await this.exists(key)) ? (await this.#get(key)).documents() : [];
    const base = !key || (await this.includesBase(key)) ? this.#options.base.documents() : [];
    return [...own, ...base];
  }

  /**
   * Runs moderator work on the community's library, creating it on first use. The library stays
   * counted as busy until the work ends, so that an unload meanwhile cannot reload a stale snapshot.
   */
  async withLibrary<T>(key: string, work: (library: Library) => Promise<T>): Promise<T> {
    await mkdir(this.folders(key).dataDir, { recursive: true });
    const before = this.#busy.get(key) ?? Promise.resolve();
    const change = async () => {
      const library = await this.#get(key);
      try {
        return await work(library);
      } finally {
        // Its size changed: count it again, if it is still the loaded one.
        if (this.#loaded.peek(key) === library) this.#loaded.set(key, library);
        // Unloaded meanwhile and reloaded from the snapshot this work replaced: load it again.
        else this.#loaded.delete(key);
      }
    };
    const sync = this.#options.sync;
    const run = before.then(() =>
      // Shared: another process may have changed it since it was loaded here; start from its snapshot.
      sync
        ? sync.change(key, () => {
            this.#forgetNow(key);
            return change();
          })
        : change(),
    );
    const settled = run.catch(() => undefined);
    this.#busy.set(key, settled);
    void settled.then(() => {
      if (this.#busy.get(key) === settled) this.#busy.delete(key);
    });
    return run;
  }

  /** The library's changes (reindex, rollback, one document), as moderator actions use them. */
  moderated(
    key: string,
  ): Pick<Library, "reindex" | "rollback" | "addDocument" | "removeDocument" | "updateFiles"> {
    return {
      reindex: (options) => this.withLibrary(key, (l) => l.reindex(options)),
      rollback: () => this.withLibrary(key, (l) => l.rollback()),
      addDocument: (file, write) => this.withLibrary(key, (l) => l.addDocument(file, write)),
      removeDocument: (file, remove) => this.withLibrary(key, (l) => l.removeDocument(file, remove)),
      updateFiles: (files) => this.withLibrary(key, (l) => l.updateFiles(files)),
    };
  }

  /** Whether answers in `key` include the base library (default yes). */
  async includesBase(key: string): Promise<boolean> {
    const known = this.#includesBase.get(key);
    if (known !== undefined) return known;
    const settings = await readSettings(this.folders(key).settingsPath);
    const base = settings.base !== false;
    this.#includesBase.set(key, base);
    return base;
  }

  /** `/library base on|off`: whether answers in `key` include the base library. */
  async setIncludesBase(key: string, base: boolean): Promise<void> {
    const write = async () => {
      const { root, settingsPath } = this.folders(key);
      await mkdir(root, { recursive: true });
      await writeFile(settingsPath, `${JSON.stringify({ base })}\n`);
      this.#includesBase.set(key, base);
    };
    await (this.#options.sync ? this.#options.sync.change(key, write) : write());
  }

  /**
   * Another process changed community `key`: its next question loads the library and settings
   * again from `STATE_DIR` (unless a change is running here, which loads them itself).
   */
  forget(key: string): void {
    if (!this.#busy.has(key)) this.#forgetNow(key);
  }

  #forgetNow(key: string): void {
    this.#loaded.delete(key);
    this.#includesBase.delete(key);
  }

  async #ask(key: string | undefined, question: string, options?: AskOptions): Promise<Answer> {
    const base = this.#options.base;
    if (!key || !(await this.exists(key))) return base.ask(question, options);
    const own = (await this.#get(key)).ask(question, options);
    if (!(await this.includesBase(key))) return own;
    const [mine, theirs] = await Promise.all([own, base.ask(question, options)]);
    return mergeAnswers(mine, theirs);
  }

  async #get(key: string): Promise<Library> {
    const loaded = this.#loaded.get(key);
    if (loaded) return loaded;
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const load = this.#load(key).finally(() => this.#loading.delete(key));
    this.#loading.set(key, load);
    return load;
  }

  async #load(key: string): Promise<Library> {
    const { dataDir, snapshotPath } = this.folders(key);
    const library = await this.#options.open({
      dataDir,
      snapshotPath,
      logger: this.#options.logger,
      // Its documents change only through moderator actions, which reindex: the snapshot is current.
      reindexOnOpen: false,
    });
    this.#loaded.set(key, library);
    return library;
  }
}

/** What the chat service asks: the community's library merged with the base. */
export interface AnsweringLibrary {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  documents(): Promise<DocumentInfo[]>;
  suggest(partial: string, limit?: number): string[];
}
