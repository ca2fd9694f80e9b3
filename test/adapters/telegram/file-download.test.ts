import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDownloadable,
  downloadFile,
  TelegramDownloadError,
} from "../../../src/adapters/telegram/file-download.ts";
import { TELEGRAM_LIMITS } from "../../../src/adapters/telegram/limits.ts";
import { UploadError } from "../../../src/moderation/upload-error.ts";
import { FakeTelegram } from "../../fakes/telegram-bot-api.ts";

let fake: FakeTelegram;
let api: Api;
const source = () => ({ api, token: fake.token, apiRoot: `${fake.apiRoot}/` });

/** Registers a file with the fake as if user 1 had sent it; returns its file_id. */
function sent(fileName: string, bytes: Uint8Array, announcedSize?: number): string {
  return fake.document(1, { fileName, bytes, announcedSize }).message.document.file_id as string;
}

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(() => fake.close());

describe("downloadFile", () => {
  it("fetches the exact bytes through getFile and the file URL, even with spaces in the name", async () => {
    const bytes = new TextEncoder().encode("# Notes\n\nThe lamp is lit at dusk.\n");
    const id = sent("my notes.md", bytes);
    expect(await downloadFile(source(), id, "my notes.md", 1000)).toEqual(bytes);
    expect(fake.downloads.at(-1)).toMatch(/my notes\.md$/);
  });

  it("refuses a file over the limit, whether announced or found while reading", async () => {
    const announced = sent("big.md", new Uint8Array(10), 5000);
    await expect(downloadFile(source(), announced, "big.md", 1000)).rejects.toThrow(
      /"big\.md" is larger than the limit of 1 kB/,
    );
    const lying = sent("liar.md", new Uint8Array(5000).fill(65), 10);
    const before = fake.downloads.length;
    const err = await downloadFile(source(), lying, "liar.md", 1000).catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(fake.downloads.length).toBe(before + 1);
  });

  it("turns Telegram's 'file is too big' into the moderator's message", async () => {
    const id = sent("huge.md", new Uint8Array(1), TELEGRAM_LIMITS.fileDownload + 1);
    await expect(downloadFile(source(), id, "huge.md", Number.MAX_SAFE_INTEGER)).rejects.toThrow(
      /Telegram lets bots download at most 20 MB/,
    );
  });

  it("fails with a retry hint and never puts the token in the message", async () => {
    const id = sent("a.md", new Uint8Array(1));
    const wrong = { api, token: `${fake.token}x`, apiRoot: fake.apiRoot };
    const err = await downloadFile(wrong, id, "a.md", 1000).catch((e) => e);
    expect(err).toBeInstanceOf(TelegramDownloadError);
    expect(err.message).toMatch(/HTTP 404\). Please send it again/);
    expect(err.message).not.toContain(fake.token);
    const gone = await downloadFile(source(), "no-such-file", "a.md", 1000).catch((e) => e);
    expect(gone).toBeInstanceOf(TelegramDownloadError);
  });
});

describe("checkDownloadable", () => {
  it("refuses an announced size over Telegram's 20 MB before anything is fetched", () => {
    expect(() => checkDownloadable("video.md", 25 * 1024 * 1024)).toThrow(/is 26\.2 MB; Telegram lets bots/);
    expect(() => checkDownloadable("notes.md", undefined)).not.toThrow();
  });
});
