/**
 * The words around an alert on each channel (sender line, links), in the eleven alert languages.
 * Pre-written like the templates; {link} is filled in per recipient.
 */
import type { AlertLanguage } from "../languages.ts";

export type Chrome = {
  /** Who sends: the e-mail's display name, the start of a LINE message, the push title prefix. */
  sender: string;
  /** The line before the alert's page link. */
  details: string;
  /** The line with the unsubscribe link in every e-mail. */
  unsubscribe: string;
  /** Why the person gets this e-mail. */
  why: string;
};

export const CHROME: Record<AlertLanguage, Chrome> = {
  ja: {
    sender: "大阪市 防災情報",
    details: "詳しい情報: {link}",
    unsubscribe: "配信の停止: {link}",
    why: "このメールは、大阪市の防災情報の配信に登録された方にお送りしています。",
  },
  "ja-x-easy": {
    sender: "大阪市（おおさかし）の 防災（ぼうさい）じょうほう",
    details: "くわしい じょうほう: {link}",
    unsubscribe: "メールを とめる: {link}",
    why: "大阪市（おおさかし）の 防災（ぼうさい）じょうほうを 受（う）け取（と）る 人（ひと）に 送（おく）って います。",
  },
  en: {
    sender: "Osaka City disaster information",
    details: "More information: {link}",
    unsubscribe: "Stop these messages: {link}",
    why: "You receive this e-mail because you signed up for Osaka City's disaster information.",
  },
  "zh-Hans": {
    sender: "大阪市 防灾信息",
    details: "详细信息：{link}",
    unsubscribe: "停止接收：{link}",
    why: "您收到这封邮件，是因为您登记了接收大阪市的防灾信息。",
  },
  "zh-Hant": {
    sender: "大阪市 防災資訊",
    details: "詳細資訊：{link}",
    unsubscribe: "停止接收：{link}",
    why: "您收到這封郵件，是因為您登記了接收大阪市的防災資訊。",
  },
  ko: {
    sender: "오사카시 방재 정보",
    details: "자세한 정보: {link}",
    unsubscribe: "수신 중지: {link}",
    why: "오사카시 방재 정보 수신을 신청하셨기 때문에 이 메일을 보내 드립니다.",
  },
  vi: {
    sender: "Thông tin phòng chống thiên tai thành phố Osaka",
    details: "Thông tin chi tiết: {link}",
    unsubscribe: "Ngừng nhận tin: {link}",
    why: "Bạn nhận được email này vì đã đăng ký nhận thông tin phòng chống thiên tai của thành phố Osaka.",
  },
  ne: {
    sender: "ओसाका सहर विपद् सूचना",
    details: "थप जानकारी: {link}",
    unsubscribe: "सन्देश रोक्नुहोस्: {link}",
    why: "तपाईंले ओसाका सहरको विपद् सूचना पाउन दर्ता गर्नुभएकाले यो इमेल पठाइएको हो।",
  },
  tl: {
    sender: "Impormasyon sa sakuna ng Lungsod ng Osaka",
    details: "Karagdagang impormasyon: {link}",
    unsubscribe: "Itigil ang mga mensaheng ito: {link}",
    why: "Natanggap ninyo ang email na ito dahil nag-sign up kayo sa impormasyon sa sakuna ng Lungsod ng Osaka.",
  },
  pt: {
    sender: "Informações sobre desastres da cidade de Osaka",
    details: "Mais informações: {link}",
    unsubscribe: "Parar de receber: {link}",
    why: "Você recebe este e-mail porque se cadastrou para receber informações sobre desastres da cidade de Osaka.",
  },
  es: {
    sender: "Información sobre desastres de la ciudad de Osaka",
    details: "Más información: {link}",
    unsubscribe: "Dejar de recibir: {link}",
    why: "Recibe este correo porque se registró para recibir información sobre desastres de la ciudad de Osaka.",
  },
};
