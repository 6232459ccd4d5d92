/**
 * L-Alert (公共情報コモンズ) XML for 避難勧告・指示 (evacuation) messages: a TypeScript model and its
 * serialisation, written to our reading of the 公共情報コモンズ XML specification — an EDXL-DE 1.0
 * envelope carrying a <Report> with <Control> (who edits and publishes), <Head> (title, times,
 * event id, 発表/訂正/取消, serial, 情報種別 避難勧告・指示, headline) and <Body> (the evacuation:
 * 発令区分, areas with their codes, the text).
 *
 * Not validated against the official XSD (not available here). Before connecting to L-Alert, check
 * the generated XML against the current schema from the 一般財団法人マルチメディア振興センター
 * documentation and adjust the element names in `lalertXml` only.
 */
import { element, escapeXml, japanTime } from "./xml.ts";

export type LAlertInfoType = "発表" | "訂正" | "取消";
export type LAlertEvacuationSort = "高齢者等避難" | "避難指示" | "緊急安全確保" | "解除";

export type LAlertEvacuationMessage = {
  /** EDXL distributionID: unique per message. */
  distributionId: string;
  /** EDXL senderID: the publishing organisation (大阪市 271004). */
  senderId: string;
  sentAt: string;
  status: "Actual" | "Exercise" | "Test";
  control: { title: "避難勧告・指示情報"; editorialOffice: string; publishingOffice: string };
  head: {
    title: string;
    reportDateTime: string;
    targetDateTime: string;
    /** The same for every message of one event (発表, then 訂正 / 解除). */
    eventId: string;
    infoType: LAlertInfoType;
    serial: number;
    headline: string;
  };
  body: {
    sort: LAlertEvacuationSort;
    /** Wards (or named areas) with their 全国地方公共団体コード when known. */
    areas: Array<{ name: string; code?: string }>;
    text: string;
  };
};

export const LALERT_NAMESPACES = {
  edxl: "urn:oasis:names:tc:emergency:EDXL:DE:1.0",
  report: "http://xml.publiccommons.ne.jp/pcxml1/",
  control: "http://xml.publiccommons.ne.jp/pcxml1/control1/",
  head: "http://xml.publiccommons.ne.jp/pcxml1/body/head1/",
  evacuation: "http://xml.publiccommons.ne.jp/pcxml1/body/evacuation3/",
} as const;

export function lalertXml(message: LAlertEvacuationMessage): string {
  const ns = LALERT_NAMESPACES;
  const areas = message.body.areas
    .map((area) => `<pcx_eb:Area><pcx_eb:Object>${escapeXml(area.name)}</pcx_eb:Object>${area.code ? `<pcx_eb:Code>${escapeXml(area.code)}</pcx_eb:Code>` : ""}</pcx_eb:Area>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<edxlde:EDXLDistribution xmlns:edxlde="${ns.edxl}">
${element("edxlde:distributionID", message.distributionId)}
${element("edxlde:senderID", message.senderId)}
${element("edxlde:dateTimeSent", japanTime(message.sentAt))}
${element("edxlde:distributionStatus", message.status)}
${element("edxlde:distributionType", message.head.infoType === "発表" ? "Report" : message.head.infoType === "訂正" ? "Update" : "Cancel")}
<edxlde:combinedConfidentiality>Unclassified</edxlde:combinedConfidentiality>
<edxlde:targetArea><edxlde:subdivision>JP-27</edxlde:subdivision></edxlde:targetArea>
<edxlde:contentObject>
<edxlde:contentDescription>${escapeXml(message.control.title)}</edxlde:contentDescription>
<edxlde:xmlContent><edxlde:embeddedXMLContent>
<Report xmlns="${ns.report}" xmlns:pcx_cntl="${ns.control}" xmlns:pcx_ib="${ns.head}" xmlns:pcx_eb="${ns.evacuation}">
<pcx_cntl:Control>
${element("pcx_cntl:Title", message.control.title)}
${element("pcx_cntl:DateTime", japanTime(message.sentAt))}
${element("pcx_cntl:Status", message.status === "Actual" ? "通常" : message.status === "Exercise" ? "訓練" : "試験")}
${element("pcx_cntl:EditorialOffice", message.control.editorialOffice)}
${element("pcx_cntl:PublishingOffice", message.control.publishingOffice)}
</pcx_cntl:Control>
<pcx_ib:Head>
${element("pcx_ib:Title", message.head.title)}
${element("pcx_ib:ReportDateTime", japanTime(message.head.reportDateTime))}
${element("pcx_ib:TargetDateTime", japanTime(message.head.targetDateTime))}
${element("pcx_ib:EventID", message.head.eventId)}
${element("pcx_ib:InfoType", message.head.infoType)}
${element("pcx_ib:Serial", message.head.serial)}
<pcx_ib:InfoKind>避難勧告・指示</pcx_ib:InfoKind>
<pcx_ib:InfoKindVersion>1.0</pcx_ib:InfoKindVersion>
<pcx_ib:Headline>${element("pcx_ib:Text", message.head.headline)}</pcx_ib:Headline>
</pcx_ib:Head>
<pcx_eb:Body>
<pcx_eb:Evacuation>
<pcx_eb:Detail>
${element("pcx_eb:Sort", message.body.sort)}
<pcx_eb:Areas>${areas}</pcx_eb:Areas>
${element("pcx_eb:Text", message.body.text)}
</pcx_eb:Detail>
</pcx_eb:Evacuation>
</pcx_eb:Body>
</Report>
</edxlde:embeddedXMLContent></edxlde:xmlContent>
</edxlde:contentObject>
</edxlde:EDXLDistribution>
`;
}
