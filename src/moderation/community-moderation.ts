/**
 * @module
 * Moderator actions with a library per community (`LIBRARY_SCOPE=community`): each action changes
 * the library of the community the moderator acted in (`Moderator.community`), never another's,
 * and a moderator with no community (a Telegram private chat with an operator in
 * TELEGRAM_ADMIN_IDS, the refresh timer, the command line) changes the base library. Who may act
 * is still the adapters' check (group administrators, Manage Server), now scoped by where they are.
 */
import { mkdir } from "node:fs/promises";
import type { LibraryRegistry } from "../service/library-registry.ts";
import { CommunityScopeError } from "./community-scope-error.ts";
import {
  createModeratorActions,
  type Moderator,
  type ModeratorActions,
  type ModeratorActionsDeps,
  usageText,
} from "./moderator-actions.ts";

/** What {@link createCommunityModeration} takes: the base's deps and the registry. */
export interface CommunityModerationDeps extends ModeratorActionsDeps {
  registry: LibraryRegistry;
}

/**
 * Moderator actions that route each call to its community's library.
 *
 * @example
 * ```ts
 * const moderation = createCommunityModeration({ registry, library: base, dataDir: config.dataDir,
 *   maxBytes: config.uploadMaxBytes, audit, stats: usage });
 * await moderation.reindex({ platform: "discord", user: "7", community: "discord:42" });
 * ```
 */
export function createCommunityModeration(deps: CommunityModerationDeps): ModeratorActions {
  const base = createModeratorActions(deps);
  const byCommunity = new Map<string, ModeratorActions>();
  const actionsOf = async (moderator: Moderator): Promise<ModeratorActions> => {
    const key = moderator.community;
    if (!key) return base;
    let actions = byCommunity.get(key);
    if (!actions) {
      const { dataDir } = deps.registry.folders(key);
      actions = createModeratorActions({ ...deps, library: deps.registry.moderated(key), dataDir });
      byCommunity.set(key, actions);
    }
    // Its first moderator action creates the community's library.
    await mkdir(deps.registry.folders(key).dataDir, { recursive: true });
    return actions;
  };
  return {
    maxBytes: deps.maxBytes,
    precheckUpload: base.precheckUpload,
    // A community's moderators see their community's questions; the base's moderators the base's.
    statsText: ({ days, moderator } = {}) =>
      usageText(deps, { days, community: moderator?.community ?? null }),
    reindex: async (moderator, options) => (await actionsOf(moderator)).reindex(moderator, options),
    rollback: async (moderator) => (await actionsOf(moderator)).rollback(moderator),
    addDocument: async (moderator, upload) => (await actionsOf(moderator)).addDocument(moderator, upload),
    removeDocument: async (moderator, name) => (await actionsOf(moderator)).removeDocument(moderator, name),
    addUrl: async (moderator, url) => (await actionsOf(moderator)).addUrl(moderator, url),
    refresh: async (moderator) => (await actionsOf(moderator)).refresh(moderator),
    async includeBase(moderator, on) {
      if (!moderator.community) throw new CommunityScopeError();
      await deps.registry.setIncludesBase(moderator.community, on);
      await deps.audit?.record({ ...moderator, action: "library", detail: { base: on } });
    },
  };
}
