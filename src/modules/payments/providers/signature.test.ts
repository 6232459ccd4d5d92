import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeForm, encodeForm } from "./form-encoding.ts";
import { WebhookSignatureError } from "./provider.ts";
import { signatureHeader, signPayload, verifySignature } from "./signature.ts";

describe("webhook signatures (t=…,v1=… HMAC-SHA256 of `${t}.${payload}`)", () => {
  const secret = "whsec_test_secret";
  const payload = '{"id":"evt_1","type":"payment_intent.succeeded"}';

  it("matches Stripe's documented construction", () => {
    // HMAC-SHA256("whsec_test_secret", "1700000000.<payload>"), computed independently with openssl.
    assert.equal(signPayload(secret, payload, 1700000000), "22d8dc182f5c588077683bd378368e29765bfe5df2560112b4f28fef120f0e31");
    assert.match(signatureHeader(secret, payload, 1700000000), /^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it("accepts a fresh valid signature and refuses the rest with a reason", () => {
    const now = new Date();
    const header = signatureHeader(secret, payload, Math.floor(now.getTime() / 1000));
    assert.doesNotThrow(() => verifySignature({ payload, header, secret, now }));
    const reason = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return error instanceof WebhookSignatureError ? error.reason : "other";
      }
      return "none";
    };
    assert.equal(reason(() => verifySignature({ payload, header: undefined, secret })), "missing");
    assert.equal(reason(() => verifySignature({ payload, header: "garbage", secret })), "malformed");
    assert.equal(reason(() => verifySignature({ payload: `${payload} `, header, secret })), "mismatch");
    assert.equal(reason(() => verifySignature({ payload, header, secret: "whsec_other" })), "mismatch");
    assert.equal(reason(() => verifySignature({ payload, header, secret, now: new Date(now.getTime() + 301_000) })), "stale");
    assert.equal(reason(() => verifySignature({ payload, header, secret, now: new Date(now.getTime() + 299_000) })), "none");
  });
});

describe("Stripe form encoding", () => {
  it("writes nested keys in brackets and reads them back", () => {
    const body = encodeForm({
      amount: 600,
      currency: "jpy",
      confirm: true,
      payment_method_types: ["konbini"],
      metadata: { payment_id: "p-1", note: "住民票 & 戸籍" },
      line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: 600 } }],
      skipped: undefined,
    });
    assert.equal(
      body,
      "amount=600&currency=jpy&confirm=true&payment_method_types[0]=konbini&metadata[payment_id]=p-1&metadata[note]=%E4%BD%8F%E6%B0%91%E7%A5%A8%20%26%20%E6%88%B8%E7%B1%8D&line_items[0][quantity]=1&line_items[0][price_data][currency]=jpy&line_items[0][price_data][unit_amount]=600",
    );
    assert.deepEqual(decodeForm(body), {
      amount: "600",
      currency: "jpy",
      confirm: "true",
      payment_method_types: ["konbini"],
      metadata: { payment_id: "p-1", note: "住民票 & 戸籍" },
      line_items: [{ quantity: "1", price_data: { currency: "jpy", unit_amount: "600" } }],
    });
    assert.deepEqual(decodeForm("expand[]=data.source&created[gte]=1"), { expand: ["data.source"], created: { gte: "1" } });
  });
});
