import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { feeFor, itemQuantity, registerFeeCalculator, wholeNumber, type FeeProcedure } from "./fees.ts";

const title = { ja: "住民票の写し交付請求", en: "Copy of the residence record" };
const procedure = (fee: FeeProcedure["fee"], slug = "test-procedure"): FeeProcedure => ({ slug, title, fee });

describe("feeFor", () => {
  it("has no fee without one, or with 0 yen", () => {
    assert.deepEqual(feeFor(procedure(null), {}), { amountYen: 0, lines: [] });
    assert.deepEqual(feeFor(procedure({ amountYen: 0 }), {}), { amountYen: 0, lines: [] });
  });

  it("takes a fixed fee once", () => {
    const fee = feeFor(procedure({ amountYen: 3000 }), { copies: 5 });
    assert.equal(fee.amountYen, 3000);
    assert.deepEqual(fee.lines, [{ label: title, unitYen: 3000, quantity: 1, unit: null, amountYen: 3000 }]);
  });

  it("multiplies a per-copy fee by the copies answered (住民票の写し 300円 × 2通 = 600円), full-width digits too", () => {
    assert.equal(feeFor(procedure({ amountYen: 300, per: "copy" }), { copies: 2 }).amountYen, 600);
    assert.equal(feeFor(procedure({ amountYen: 300, per: "copy" }), { copies: "２" }).amountYen, 600);
    assert.deepEqual(feeFor(procedure({ amountYen: 300, per: "copy" }), { copies: 3 }).lines[0], { label: title, unitYen: 300, quantity: 3, unit: "copy", amountYen: 900 });
    // No answer: one copy.
    assert.equal(feeFor(procedure({ amountYen: 300, per: "copy" }), {}).amountYen, 300);
  });

  it("multiplies a per-item fee by the quantity, or by the items of a repeating group", () => {
    assert.equal(feeFor(procedure({ amountYen: 200, per: "item" }), { quantity: 4 }).amountYen, 800);
    const items = [{ item_name: "自転車", item_count: 2 }, { item_name: "布団", item_count: "１" }, { item_name: "たんす" }];
    assert.equal(itemQuantity({ items }), 4);
    assert.equal(feeFor(procedure({ amountYen: 200, per: "item" }), { items }).amountYen, 800);
  });

  it("uses a procedure's calculated-fee hook (戸籍: 450円, or 750円 for closed registers, per copy)", () => {
    const koseki = procedure({ amountYen: 450, per: "copy" }, "family-register-certificate");
    assert.equal(feeFor(koseki, { certificate_kind: "full", copies: 2 }).amountYen, 900);
    const closed = feeFor(koseki, { certificate_kind: "removed", copies: 2 });
    assert.equal(closed.amountYen, 1500);
    assert.equal(closed.lines[0]!.unitYen, 750);
  });

  it("refuses a hook whose lines do not add up to integer yen", () => {
    registerFeeCalculator("broken-fee", () => ({ amountYen: 100, lines: [{ label: title, unitYen: 33.3, quantity: 3, unit: null, amountYen: 100 }] }));
    assert.throws(() => feeFor(procedure({ amountYen: 1 }, "broken-fee"), {}), /integer yen/);
    registerFeeCalculator("wrong-total", () => ({ amountYen: 999, lines: [{ label: title, unitYen: 100, quantity: 1, unit: null, amountYen: 100 }] }));
    assert.throws(() => feeFor(procedure({ amountYen: 1 }, "wrong-total"), {}), /does not add up/);
  });

  it("reads whole numbers as people type them", () => {
    assert.equal(wholeNumber("１２"), 12);
    assert.equal(wholeNumber(3), 3);
    assert.equal(wholeNumber(-1), null);
    assert.equal(wholeNumber("1.5"), null);
    assert.equal(wholeNumber(undefined), null);
  });
});
