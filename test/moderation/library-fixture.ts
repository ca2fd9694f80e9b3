import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh folder holding a copy of the small documents beside these tests (`data/`) and a state folder. */
export function moderationFixture(prefix: string): { dir: string; dataDir: string; stateDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `citebot-${prefix}-`));
  const dataDir = path.join(dir, "data");
  fs.cpSync(path.join(import.meta.dirname, "fixtures"), dataDir, { recursive: true });
  return { dir, dataDir, stateDir: path.join(dir, "state") };
}

/** A short Markdown document about lighthouse keepers, polishing the lamp on `day`. */
export const lighthouseDoc = (day: string): Uint8Array =>
  new TextEncoder().encode(
    `# Lighthouse handbook\n\nLighthouse keepers polish the brass lamp every ${day} before sunset.\n`,
  );

export const LIGHTHOUSE_QUESTION = "when do lighthouse keepers polish the brass lamp?";
