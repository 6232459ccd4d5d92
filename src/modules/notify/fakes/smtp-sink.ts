/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that accepts alert e-mail fast: it reads only
 * the header block of each message (Message-ID, To) and counts, or keeps whole messages when
 * asked (tests). Optionally it throttles like a relay does: beyond `messagesPerSecond` it answers
 * RCPT with "451 4.7.1 Rate limit exceeded, try again later".
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SmtpSinkOptions = { messagesPerSecond?: number; keepMessages?: boolean; port?: number };

export type FastSmtpSink = {
  url: string;
  /** Messages received per Message-ID. */
  byMessageId: Map<string, number>;
  messages: string[];
  stats: { accepted: number; duplicates: number; throttled: number };
  close(): Promise<void>;
};

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<FastSmtpSink> {
  const byMessageId = new Map<string, number>();
  const messages: string[] = [];
  const stats = { accepted: 0, duplicates: 0, throttled: 0 };
  let windowStart = 0;
  let inWindow = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 1024 * 1024,
    maxClients: 200,
    onRcptTo(_address, _session, callback) {
      if (options.messagesPerSecond) {
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          inWindow = 0;
        }
        if (inWindow >= options.messagesPerSecond) {
          stats.throttled++;
          const error = new Error("4.7.1 Rate limit exceeded, try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        inWindow++;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let headerDone = false;
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        if (options.keepMessages || !headerDone) {
          chunks.push(chunk);
          size += chunk.length;
          if (!options.keepMessages && Buffer.concat(chunks).includes("\r\n\r\n")) headerDone = true;
        }
      });
      stream.on("end", () => {
        const text = Buffer.concat(chunks, size).toString("utf8");
        const id = /^Message-ID:\s*(\S+)/im.exec(text)?.[1] ?? `(none ${stats.accepted})`;
        const n = (byMessageId.get(id) ?? 0) + 1;
        byMessageId.set(id, n);
        if (n > 1) stats.duplicates++;
        stats.accepted++;
        if (options.keepMessages) messages.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  // A client that drops its connection (a sender killed mid-message) is routine for a relay: it
  // ends that session, never the server.
  server.on("error", () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?tls=off`,
    byMessageId,
    messages,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
