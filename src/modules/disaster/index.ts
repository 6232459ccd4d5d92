/**
 * Public face of the disaster module (what other modules and the CLI may import).
 * So far: the intake of official warnings — safe XML parsing, CAP 1.2 validation, JMA 防災情報XML summaries.
 */
export { parseXmlSafely, assertSafeXml, XmlInputError, DEFAULT_MAX_XML_BYTES } from "./xml/safe-parse.ts";
export type { SafeXmlOptions, XmlInputReason } from "./xml/safe-parse.ts";
export { readXmlFile, decodeXmlBytes, XmlFileUnreadableError } from "./xml/read-xml-file.ts";
export type { XmlElement } from "./xml/xml-tree.ts";

export { validateCap } from "./cap/validate-cap.ts";
export type { CapValidation, CapProblem, ValidateCapOptions } from "./cap/validate-cap.ts";

export { parseJma, JmaFormatError } from "./jma/parse-jma.ts";
export type { JmaSummary, JmaArea, JmaKind, JmaEarthquake, JmaTyphoon } from "./jma/parse-jma.ts";
export { jmaKindOf } from "./jma/kinds.ts";
export { concernsOsakaCity, OSAKA_CITY_WARDS } from "./jma/osaka-city.ts";
export type { OsakaCityConcern, OsakaCityMatch, OsakaMatchReason } from "./jma/osaka-city.ts";

export { runDisasterCli, DISASTER_CLI_USAGE } from "./cli.ts";
export type { DisasterCliIo } from "./cli.ts";
