/**
 * @module
 * Pseudonymous user keys: an HMAC of the platform and the raw id, so counts of distinct users
 * work without the store ever holding an id that could be looked up on the platform.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Platform } from "../core/types.ts";

/** A fresh random salt (hex), generated once per database. */
export function generateSalt(): string {
  return randomBytes(32).toString("hex");
}

/**
 * HMAC-SHA256 of `platform:id` under `salt`, shortened to 16 hex characters: enough to tell users
 * apart in a report, too short to be a stable global identifier across deployments.
 *
 * @example
 * ```ts
 * hashUserId(salt, "telegram", "123456789"); // "3f9c0a…" (16 hex chars)
 * ```
 */
export function hashUserId(salt: string, platform: Platform, id: string): string {
  // The platform is part of the message so the same numeric id on two platforms gives two keys.
  return createHmac("sha256", salt).update(`${platform}:${id}`).digest("hex").slice(0, 16);
}
