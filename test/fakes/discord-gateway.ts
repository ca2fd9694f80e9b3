/**
 * @module
 * The gateway half of the fake Discord: a WebSocket server speaking Discord's gateway protocol
 * (v10, JSON, no compression) well enough for discord.js: HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats, RESUME → RESUMED or INVALID_SESSION, and dispatching events to the bot.
 */
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

type Json = Record<string, unknown>;

/** What the gateway needs to know about the fake's world. */
export interface GatewayWorld {
  token: string;
  botUser: Json;
  applicationId: string;
  guild: Json;
  /** Intent bits the application may use; privileged ones outside it close the socket with 4014. */
  allowedIntents: number;
  heartbeatInterval: number;
}

interface Session {
  id: string;
  seq: number;
  socket?: WebSocket;
  /** Events dispatched while disconnected, replayed on RESUME. */
  missed: string[];
}

/** Privileged intents: GuildMembers, GuildPresences, MessageContent. */
const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);

/** A gateway attached to the fake's HTTP server (upgrades on any path). */
export class FakeGateway {
  readonly wss: WebSocketServer;
  readonly identifies: Json[] = [];
  readonly resumes: Json[] = [];
  readonly queries: string[] = [];
  heartbeats = 0;
  #sessions = new Map<string, Session>();
  #current: Session | undefined;
  #invalidateOnResume = false;
  #counter = 0;

  constructor(
    server: Server,
    private readonly world: GatewayWorld,
    private readonly url: () => string,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on("connection", (socket, request) => this.#accept(socket, request.url ?? ""));
  }

  /** True when a session is identified (or resumed) on an open socket. */
  get ready(): boolean {
    return this.#current?.socket?.readyState === 1;
  }

  /**
   * Sends a dispatch (op 0) event to the bot. While its connection is down the event is kept and
   * replayed when the session resumes, as Discord does.
   */
  dispatch(t: string, d: unknown): void {
    const session = this.#current;
    if (!session) throw new Error(`fake gateway: no session for ${t}`);
    session.seq++;
    const frame = JSON.stringify({ op: 0, t, s: session.seq, d });
    if (session.socket?.readyState === 1) session.socket.send(frame);
    else session.missed.push(frame);
  }

  /** Cuts every connection without a close frame (like a network drop); code 1006 at the bot. */
  drop(options: { invalidateSession?: boolean } = {}): void {
    this.#invalidateOnResume = options.invalidateSession ?? false;
    for (const client of this.wss.clients) client.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  #send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(payload));
  }

  #accept(socket: WebSocket, url: string): void {
    this.queries.push(url);
    const params = new URL(url, "ws://fake").searchParams;
    if (params.get("v") !== "10" || params.get("encoding") !== "json") {
      socket.close(4012, "Invalid API version");
      return;
    }
    let session: Session | undefined;
    socket.on("message", (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      const d = (payload.d ?? {}) as Json;
      switch (payload.op) {
        case 1:
          this.heartbeats++;
          this.#send(socket, { op: 11 });
          break;
        case 2: {
          this.identifies.push(d);
          if (d.token !== this.world.token) return socket.close(4004, "Authentication failed");
          const intents = Number(d.intents);
          if (intents & PRIVILEGED & ~this.world.allowedIntents)
            return socket.close(4014, "Disallowed intent(s)");
          session = { id: `session-${++this.#counter}`, seq: 0, socket, missed: [] };
          this.#sessions.set(session.id, session);
          this.#current = session;
          this.dispatch("READY", {
            v: 10,
            user: this.world.botUser,
            guilds: [{ id: this.world.guild.id, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: this.url(),
            shard: d.shard ?? [0, 1],
            application: { id: this.world.applicationId, flags: 0 },
          });
          this.dispatch("GUILD_CREATE", this.world.guild);
          break;
        }
        case 6: {
          this.resumes.push(d);
          const known = this.#sessions.get(String(d.session_id));
          if (!known || d.token !== this.world.token || this.#invalidateOnResume) {
            this.#invalidateOnResume = false;
            this.#send(socket, { op: 9, d: false });
            return;
          }
          session = known;
          session.socket = socket;
          this.#current = session;
          for (const frame of session.missed.splice(0)) socket.send(frame);
          this.dispatch("RESUMED", {});
          break;
        }
        default:
          break;
      }
    });
    this.#send(socket, { op: 10, d: { heartbeat_interval: this.world.heartbeatInterval } });
  }
}
