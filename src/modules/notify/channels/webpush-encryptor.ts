/**
 * Web Push encryption off the event loop. Each message needs a fresh ECDH key pair and an ECDH
 * with the subscription's key (about 0.2 ms of CPU): at city scale that is tens of seconds, and
 * done on the engine's event loop it blocks every other channel's network I/O for as long as a
 * batch takes (an SMTP conversation waits for the loop at every command). A worker thread does
 * the arithmetic, one batch per message, and can use another core.
 *
 * Written by hand (about 40 lines) rather than with a worker-pool library: one worker, one kind
 * of request, answers matched by id.
 */
import { Worker } from "node:worker_threads";

export type PushKeys = { p256dh: string; auth: string };
export type EncryptRequest = { id: number; payload: string; keys: PushKeys[] };
/** Per subscription: the aes128gcm body, or why its keys are unusable. */
export type EncryptResponse = { id: number; results: Array<Uint8Array | string> };

export type PushEncryptor = {
  encrypt(payload: string, keys: PushKeys[]): Promise<Array<Buffer | string>>;
  close(): Promise<void>;
};

export function workerEncryptor(): PushEncryptor {
  const worker = new Worker(new URL("./webpush-encrypt-worker.ts", import.meta.url));
  worker.unref();
  const pending = new Map<number, { resolve: (results: Array<Buffer | string>) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  worker.on("message", (response: EncryptResponse) => {
    const waiter = pending.get(response.id);
    pending.delete(response.id);
    // Structured clone turns Buffers into plain Uint8Arrays: view them as Buffers again, no copy.
    waiter?.resolve(response.results.map((r) => (typeof r === "string" ? r : Buffer.from(r.buffer, r.byteOffset, r.byteLength))));
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the Web Push encryption worker exited (${code})`)));
  return {
    encrypt(payload, keys) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, payload, keys } satisfies EncryptRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
