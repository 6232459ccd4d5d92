/** Messages of procedure import and export (JSON documents and the catalogue CSV), ja and en. */
import { registerMessages, t, type Locale, type MessageParams } from "../../../core/i18n/index.ts";

const ja = {
  // Where a problem is
  "where.line": "{line}行目",
  "where.row": "{row}行目",
  "where.column": "列「{column}」",

  // JSON Schema keywords (the path says where)
  "schema.required": "必須の項目がありません",
  "schema.additionalProperties": "スキーマ {version} にない項目です（綴りを確認してください）",
  "schema.type": "{type}でなければなりません",
  "schema.enum": "次のいずれかでなければなりません：{values}",
  "schema.const": "{value} でなければなりません",
  "schema.schemaVersion": "スキーマのバージョン {value} には対応していません（対応：{supported}）",
  "schema.pattern": "形式が正しくありません（{pattern}）",
  "schema.pattern.slug": "半角英小文字・数字・ハイフンだけで書いてください（例：residence-certificate）",
  "schema.pattern.reading": "ひらがなで書いてください",
  "schema.pattern.code": "半角英数字と - _ . だけで書いてください",
  "schema.pattern.id": "半角英字で始め、半角英数字と _ だけで書いてください",
  "schema.pattern.date": "YYYY-MM-DD の日付か today でなければなりません",
  "schema.empty": "空にできません",
  "schema.minLength": "{limit}文字以上でなければなりません",
  "schema.maxLength": "{limit}文字以内でなければなりません",
  "schema.minItems": "{limit}件以上必要です",
  "schema.maxItems": "{limit}件以内でなければなりません",
  "schema.minimum": "{limit}以上でなければなりません",
  "schema.maximum": "{limit}以下でなければなりません",
  "schema.other": "スキーマに合いません（{keyword}）",
  "type.string": "文字列",
  "type.object": "オブジェクト",
  "type.array": "配列",
  "type.integer": "整数",
  "type.number": "数値",
  "type.boolean": "true か false",
  "type.null": "null",

  // JSON Lines
  "json.invalid": "JSON として読めません（{reason}）",
  "json.duplicateSlug": "手続きID「{slug}」は{line}行目にもあります",
  "json.duplicateLifeEvent": "ライフイベント「{code}」が重複しています",
  "file.empty": "ファイルに手続きがありません",
  "file.unreadable": "ファイルを読めません：{reason}",

  // Catalogue CSV
  "csv.encoding": "UTF-8 としても Shift_JIS としても読めません",
  "csv.parse": "CSV として読めません（{reason}）",
  "csv.missingColumns": "見出し行に次の列がありません：{columns}",
  "csv.duplicateColumn": "見出し行に列「{column}」が2回あります",
  "csv.unknownColumns": "次の列は読み込みません：{columns}",
  "csv.required": "入力がありません",
  "csv.slug": "半角英小文字・数字・ハイフンで書いてください（例：kita-hall-booking）：「{value}」",
  "csv.reading": "ひらがなかカタカナで書いてください：「{value}」",
  "csv.department": "担当部署コード「{value}」の部署がありません",
  "csv.category": "分類「{value}」がありません（分類コードか分類名）",
  "csv.lifeEvent": "ライフイベント「{value}」がありません（コードか名前）",
  "csv.fee": "手数料「{value}」を金額として読めません（例：300、300円、無料）",
  "csv.feeUnit": "手数料単位「{value}」は「1通」「1件」か空欄にしてください",
  "csv.feeUnitWithoutFee": "手数料がないときは手数料単位を空欄にしてください",
  "csv.channel": "申請方法は「オンライン」「窓口」「両方」のいずれかです：「{value}」",
  "csv.duplicateSlug": "手続きID「{slug}」は{row}行目にもあります",
  "csv.tooLong": "{limit}文字以内にしてください",
  "csv.noForm": "{slug}：申請フォームがないため、フォームを公開するまでオンライン申請はできません",

  // Summaries
  "import.summary": "{total}件の手続き：新規 {created}件、変更 {updated}件、変更なし {unchanged}件、新しいフォームの版 {versions}件",
  "import.dryRun": "確認のみ（--dry-run）：データベースは変更していません",
  "import.refused": "何も取り込んでいません：{lines}行に{problems}件の問題があります",
  "import.refusedRows": "何も取り込んでいません：{lines}行に{problems}件の問題があります",
  "import.andMore": "…ほか{count}件",
  "export.summary": "{count}件の手続きを書き出しました",
  "export.notFound": "手続きID「{slug}」の手続きはありません",
  "export.seeded": "データベースが空だったため、先にデモデータ（手続き{procedures}件）を読み込みました（SEED_DEMO）",
};

const en: Record<keyof typeof ja, string> = {
  "where.line": "line {line}",
  "where.row": "row {row}",
  "where.column": "column {column}",

  "schema.required": "is missing",
  "schema.additionalProperties": "is not a property in schema {version} (check the spelling)",
  "schema.type": "must be {type}",
  "schema.enum": "must be one of {values}",
  "schema.const": "must be {value}",
  "schema.schemaVersion": "schema version {value} is not supported (supported: {supported})",
  "schema.pattern": "has the wrong form (must match {pattern})",
  "schema.pattern.slug": "may contain only lower-case letters, digits and hyphens (e.g. residence-certificate)",
  "schema.pattern.reading": "must be written in hiragana",
  "schema.pattern.code": "may contain only letters, digits, - _ and .",
  "schema.pattern.id": "must start with a letter and contain only letters, digits and _",
  "schema.pattern.date": "must be a date YYYY-MM-DD or today",
  "schema.empty": "must not be empty",
  "schema.minLength": "must be at least {limit} characters long",
  "schema.maxLength": "must be at most {limit} characters long",
  "schema.minItems": "must have at least {limit} items",
  "schema.maxItems": "must have at most {limit} items",
  "schema.minimum": "must be {limit} or more",
  "schema.maximum": "must be {limit} or less",
  "schema.other": "does not match the schema ({keyword})",
  "type.string": "a string",
  "type.object": "an object",
  "type.array": "an array",
  "type.integer": "a whole number",
  "type.number": "a number",
  "type.boolean": "true or false",
  "type.null": "null",

  "json.invalid": "is not valid JSON ({reason})",
  "json.duplicateSlug": "slug \"{slug}\" is also on line {line}",
  "json.duplicateLifeEvent": "life event \"{code}\" is listed twice",
  "file.empty": "the file has no procedures",
  "file.unreadable": "cannot read the file: {reason}",

  "csv.encoding": "cannot be read as UTF-8 or Shift_JIS",
  "csv.parse": "is not valid CSV ({reason})",
  "csv.missingColumns": "the header row has no column {columns}",
  "csv.duplicateColumn": "the header row has the column {column} twice",
  "csv.unknownColumns": "these columns are not imported: {columns}",
  "csv.required": "is empty",
  "csv.slug": "may contain only lower-case letters, digits and hyphens (e.g. kita-hall-booking): \"{value}\"",
  "csv.reading": "must be hiragana or katakana: \"{value}\"",
  "csv.department": "there is no department with the code \"{value}\"",
  "csv.category": "there is no category \"{value}\" (category code or name)",
  "csv.lifeEvent": "there is no life event \"{value}\" (code or name)",
  "csv.fee": "\"{value}\" is not an amount in yen (e.g. 300, 300円, 無料)",
  "csv.feeUnit": "fee unit \"{value}\" must be 1通 (per copy), 1件 (per item) or empty",
  "csv.feeUnitWithoutFee": "leave the fee unit empty when there is no fee",
  "csv.channel": "must be オンライン (online), 窓口 (counter) or 両方 (both): \"{value}\"",
  "csv.duplicateSlug": "slug \"{slug}\" is also on row {row}",
  "csv.tooLong": "must be at most {limit} characters long",
  "csv.noForm": "{slug}: no application form yet, so it cannot be applied for online until a form is published",

  "import.summary": "{total} procedures: {created} new, {updated} changed, {unchanged} unchanged; {versions} new form versions",
  "import.dryRun": "dry run (--dry-run): the database was not changed",
  "import.refused": "nothing was imported: {problems} problem(s) on {lines} line(s)",
  "import.refusedRows": "nothing was imported: {problems} problem(s) in {lines} row(s)",
  "import.andMore": "… and {count} more",
  "export.summary": "exported {count} procedures",
  "export.notFound": "there is no procedure with the slug \"{slug}\"",
  "export.seeded": "the database was empty: loaded the demo data ({procedures} procedures) first (SEED_DEMO)",
};

registerMessages("exchange", { ja, en });

export type ExchangeMessageKey = keyof typeof ja;

/** A message of this namespace. */
export function m(locale: Locale, key: ExchangeMessageKey, params?: MessageParams): string {
  return t(locale, `exchange.${key}`, params);
}
