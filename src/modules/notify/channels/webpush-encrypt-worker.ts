/**
 * The worker thread of webpush-encryptor.ts: encrypts one batch per message and answers with
 * the bodies (or the reason a subscription's keys are unusable), in the order asked.
 */
import { parentPort } from "node:worker_threads";
import { encryptWebPush } from "./webpush-crypto.ts";
import type { EncryptRequest, EncryptResponse } from "./webpush-encryptor.ts";

parentPort!.on("message", (request: EncryptRequest) => {
  const results = request.keys.map((key) => {
    try {
      return encryptWebPush(request.payload, key.p256dh, key.auth);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  parentPort!.postMessage({ id: request.id, results } satisfies EncryptResponse);
});
