/**
 * Alert templates: pre-written text for every alert kind in all eleven languages, with
 * variables in braces. Written by the Machi team for the demo; to be reviewed by professional
 * translators and against Osaka City's やさしい日本語 guidelines before real use (README.md).
 * Nothing is machine-translated at send time: a message is this text with variables filled in
 * from pre-translated values (ward names, times formatted per language, caller-given names).
 *
 * Variables: {area} (the alert's wards, or its named area), {time} (formatted in the language),
 * {shelter} (a name the caller gives in each language), {intensity} (JMA 震度 class, translated).
 */
import type { AlertLanguage } from "../languages.ts";

export type TemplateText = { title: string; body: string };

export type CapProfile = {
  category: "Geo" | "Met" | "Safety" | "Security" | "Rescue" | "Fire" | "Health" | "Env" | "Transport" | "Infra" | "CBRNE" | "Other";
  responseType: "Shelter" | "Evacuate" | "Prepare" | "Execute" | "Avoid" | "Monitor" | "Assess" | "AllClear" | "None";
  urgency: "Immediate" | "Expected" | "Future" | "Past" | "Unknown";
  severity: "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";
  certainty: "Observed" | "Likely" | "Possible" | "Unlikely" | "Unknown";
};

export type AlertTemplate = {
  /** Variables the text uses; each must be given in params (area and time are always provided). */
  variables: readonly string[];
  text: Record<AlertLanguage, TemplateText>;
  /** 緊急速報メール draft (Japanese; checked against the carriers' limits, formats/etws.ts). */
  areaMail: TemplateText;
  cap: CapProfile;
  /** L-Alert 避難勧告・指示 発令区分, for the evacuation kinds. */
  evacuationSort?: "高齢者等避難" | "避難指示" | "緊急安全確保" | "解除";
};

export const TEMPLATE_KEYS = [
  "evacuation.level3",
  "evacuation.level4",
  "evacuation.level5",
  "evacuation.lifted",
  "earthquake.intensity",
  "tsunami.warning",
  "heavy-rain.emergency-warning",
  "shelter.opened",
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const ALERT_TEMPLATES: Record<TemplateKey, AlertTemplate> = {
  "evacuation.level3": {
    variables: ["area", "time"],
    evacuationSort: "高齢者等避難",
    cap: { category: "Safety", responseType: "Evacuate", urgency: "Expected", severity: "Severe", certainty: "Likely" },
    areaMail: {
      title: "高齢者等避難（警戒レベル3）",
      body: "大阪市は{area}に高齢者等避難を発令しました。高齢の方など避難に時間のかかる方は、危険な場所から避難してください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "【警戒レベル3】高齢者等避難",
        body: "{time}、大阪市は{area}に高齢者等避難を発令しました。高齢の方、障がいのある方、小さな子どもと一緒の方など、避難に時間のかかる方は、危険な場所から避難してください。ほかの方も、避難の準備をしてください。",
      },
      "ja-x-easy": {
        title: "【レベル3】おとしよりなどは にげてください",
        body: "{time}、大阪市（おおさかし）は {area}に「高齢者等避難（こうれいしゃとうひなん）」を 出（だ）しました。おとしより、からだの 不自由（ふじゆう）な 人（ひと）、小（ちい）さい 子（こ）どもと いっしょの 人（ひと）は、あぶない ところから にげてください。ほかの 人（ひと）も、にげる 準備（じゅんび）を してください。",
      },
      en: {
        title: "[Alert Level 3] Older people and others: evacuate",
        body: "On {time}, Osaka City issued an evacuation alert for older people and others who need time to evacuate in {area}. Older people, people with disabilities, people with small children and anyone who needs time to move: leave dangerous places now. Everyone else: get ready to evacuate.",
      },
      "zh-Hans": {
        title: "【警戒级别3】老年人等避难",
        body: "{time}，大阪市对{area}发布了“老年人等避难”。老年人、残障人士、带着小孩的人等避难需要时间的人，请从危险的地方避难。其他人也请做好避难准备。",
      },
      "zh-Hant": {
        title: "【警戒等級3】高齡者等避難",
        body: "{time}，大阪市對{area}發布了「高齡者等避難」。高齡者、身心障礙者、帶著小孩的人等避難需要時間的人，請從危險的地方避難。其他人也請做好避難準備。",
      },
      ko: {
        title: "[경계 레벨 3] 고령자 등 대피",
        body: "{time}, 오사카시는 {area}에 '고령자 등 대피'를 발령했습니다. 고령자, 장애가 있는 분, 어린 아이와 함께 있는 분 등 대피에 시간이 걸리는 분은 위험한 장소에서 대피하십시오. 다른 분들도 대피할 준비를 하십시오.",
      },
      vi: {
        title: "[Cấp độ cảnh báo 3] Người cao tuổi và người cần hỗ trợ hãy sơ tán",
        body: "Vào {time}, thành phố Osaka đã ban hành lệnh sơ tán cho người cao tuổi và những người cần nhiều thời gian để sơ tán tại {area}. Người cao tuổi, người khuyết tật, người đi cùng trẻ nhỏ và những ai cần thời gian để di chuyển hãy rời khỏi nơi nguy hiểm ngay. Những người khác hãy chuẩn bị sơ tán.",
      },
      ne: {
        title: "[सतर्कता स्तर 3] वृद्ध र सहयोग चाहिनेहरू सुरक्षित स्थानमा जानुहोस्",
        body: "{time} मा ओसाका सहरले {area} मा वृद्ध र सुरक्षित स्थानमा जान समय लाग्ने व्यक्तिहरूका लागि निष्कासन सूचना जारी गरेको छ। वृद्ध, अपाङ्गता भएका व्यक्ति, साना बालबालिकासँग भएका व्यक्ति र हिँड्न समय लाग्ने सबैजना अहिले नै खतरनाक ठाउँबाट निस्कनुहोस्। अरू सबैले पनि जाने तयारी गर्नुहोस्।",
      },
      tl: {
        title: "[Alert Level 3] Lumikas na ang matatanda at nangangailangan ng tulong",
        body: "Noong {time}, naglabas ang Lungsod ng Osaka ng babala ng paglikas para sa matatanda at sa mga nangangailangan ng mas mahabang oras sa paglikas sa {area}. Matatanda, may kapansanan, may kasamang maliliit na bata at sinumang mabagal kumilos: umalis na ngayon sa mapanganib na lugar. Ang iba: maghanda nang lumikas.",
      },
      pt: {
        title: "[Nível de alerta 3] Idosos e pessoas que precisam de ajuda: evacuem",
        body: "Em {time}, a cidade de Osaka emitiu um alerta de evacuação para idosos e pessoas que precisam de mais tempo para evacuar em {area}. Idosos, pessoas com deficiência, pessoas com crianças pequenas e quem precisa de tempo para se deslocar: saiam agora dos locais perigosos. Os demais: preparem-se para evacuar.",
      },
      es: {
        title: "[Nivel de alerta 3] Personas mayores y quienes necesitan ayuda: evacúen",
        body: "El {time}, la ciudad de Osaka emitió una alerta de evacuación para personas mayores y quienes necesitan más tiempo para evacuar en {area}. Personas mayores, personas con discapacidad, personas con niños pequeños y quien necesite tiempo para moverse: salgan ahora de los lugares peligrosos. Los demás: prepárense para evacuar.",
      },
    },
  },

  "evacuation.level4": {
    variables: ["area", "time"],
    evacuationSort: "避難指示",
    cap: { category: "Safety", responseType: "Evacuate", urgency: "Immediate", severity: "Severe", certainty: "Likely" },
    areaMail: {
      title: "避難指示（警戒レベル4）",
      body: "大阪市は{area}に避難指示を発令しました。危険な場所にいる人は全員、ただちに避難してください。移動がかえって危険な場合は、近くの安全な建物の上の階へ避難してください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "【警戒レベル4】避難指示",
        body: "{time}、大阪市は{area}に避難指示を発令しました。危険な場所にいる人は全員、ただちに避難してください。避難場所への移動がかえって危険な場合は、近くの安全な建物や、自宅の2階以上など、少しでも安全な場所へ移動してください。",
      },
      "ja-x-easy": {
        title: "【レベル4】みんな すぐに にげてください",
        body: "{time}、大阪市（おおさかし）は {area}に「避難指示（ひなんしじ）」を 出（だ）しました。あぶない ところに いる 人（ひと）は みんな、すぐに 安全（あんぜん）な ところへ にげてください。外（そと）に 出（で）ると あぶない ときは、近（ちか）くの じょうぶな たてものや、家（いえ）の 2階（かい）より 上（うえ）に 行（い）ってください。",
      },
      en: {
        title: "[Alert Level 4] Evacuation order",
        body: "On {time}, Osaka City issued an evacuation order for {area}. Everyone in a dangerous place must evacuate now. If going to an evacuation site is itself dangerous, move to a safer place nearby, such as a sturdy building or the second floor or higher of your home.",
      },
      "zh-Hans": {
        title: "【警戒级别4】避难指示",
        body: "{time}，大阪市对{area}发布了避难指示。所有身处危险地方的人请立即避难。如果前往避难场所反而危险，请转移到附近安全的建筑物或自家二楼以上等尽量安全的地方。",
      },
      "zh-Hant": {
        title: "【警戒等級4】避難指示",
        body: "{time}，大阪市對{area}發布了避難指示。所有身處危險地方的人請立即避難。如果前往避難場所反而危險，請移動到附近安全的建築物或自家二樓以上等盡量安全的地方。",
      },
      ko: {
        title: "[경계 레벨 4] 대피 지시",
        body: "{time}, 오사카시는 {area}에 대피 지시를 발령했습니다. 위험한 장소에 있는 사람은 모두 즉시 대피하십시오. 대피 장소로 이동하는 것이 오히려 위험한 경우에는 근처의 튼튼한 건물이나 자택 2층 이상 등 조금이라도 안전한 곳으로 이동하십시오.",
      },
      vi: {
        title: "[Cấp độ cảnh báo 4] Lệnh sơ tán",
        body: "Vào {time}, thành phố Osaka đã ban hành lệnh sơ tán cho {area}. Tất cả những người đang ở nơi nguy hiểm hãy sơ tán ngay lập tức. Nếu việc di chuyển đến nơi sơ tán lại nguy hiểm hơn, hãy di chuyển đến nơi an toàn hơn ở gần, như tòa nhà kiên cố hoặc từ tầng 2 trở lên trong nhà.",
      },
      ne: {
        title: "[सतर्कता स्तर 4] निष्कासन आदेश",
        body: "{time} मा ओसाका सहरले {area} का लागि निष्कासन आदेश जारी गरेको छ। खतरनाक ठाउँमा भएका सबैजना तुरुन्तै सुरक्षित स्थानमा जानुहोस्। आश्रयस्थलसम्म जानु नै खतरनाक भएमा नजिकैको बलियो भवन वा घरको दोस्रो तला वा माथि जस्ता सकेसम्म सुरक्षित ठाउँमा जानुहोस्।",
      },
      tl: {
        title: "[Alert Level 4] Utos na lumikas",
        body: "Noong {time}, naglabas ang Lungsod ng Osaka ng utos na lumikas para sa {area}. Lahat ng nasa mapanganib na lugar ay lumikas na ngayon din. Kung mas mapanganib ang pagpunta sa evacuation site, lumipat sa mas ligtas na lugar sa malapit, tulad ng matibay na gusali o ikalawang palapag o mas mataas ng inyong bahay.",
      },
      pt: {
        title: "[Nível de alerta 4] Ordem de evacuação",
        body: "Em {time}, a cidade de Osaka emitiu uma ordem de evacuação para {area}. Todas as pessoas em locais perigosos devem evacuar imediatamente. Se ir até o local de evacuação for perigoso, vá para um lugar mais seguro por perto, como um prédio resistente ou o segundo andar ou acima da sua casa.",
      },
      es: {
        title: "[Nivel de alerta 4] Orden de evacuación",
        body: "El {time}, la ciudad de Osaka emitió una orden de evacuación para {area}. Todas las personas que estén en un lugar peligroso deben evacuar de inmediato. Si ir al lugar de evacuación es más peligroso, vayan a un lugar más seguro cercano, como un edificio resistente o el segundo piso o más arriba de su casa.",
      },
    },
  },

  "evacuation.level5": {
    variables: ["area", "time"],
    evacuationSort: "緊急安全確保",
    cap: { category: "Safety", responseType: "Shelter", urgency: "Immediate", severity: "Extreme", certainty: "Observed" },
    areaMail: {
      title: "緊急安全確保（警戒レベル5）",
      body: "大阪市は{area}に緊急安全確保を発令しました。災害が発生または切迫しています。命の危険があります。ただちに身の安全を確保してください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "【警戒レベル5】緊急安全確保",
        body: "{time}、大阪市は{area}に緊急安全確保を発令しました。災害がすでに発生しているか、切迫しています。命の危険があります。ただちに、少しでも安全な場所で身の安全を確保してください。",
      },
      "ja-x-easy": {
        title: "【レベル5】いのちを まもって ください",
        body: "{time}、大阪市（おおさかし）は {area}に「緊急安全確保（きんきゅうあんぜんかくほ）」を 出（だ）しました。もう 災害（さいがい）が 起（お）きて います。いのちが あぶないです。すぐに、いちばん 安全（あんぜん）な ところで 自分（じぶん）の いのちを まもって ください。",
      },
      en: {
        title: "[Alert Level 5] Emergency: secure your safety now",
        body: "On {time}, Osaka City issued an emergency safety alert for {area}. A disaster is happening or about to happen. Your life is in danger. Secure your safety immediately in the safest place you can reach.",
      },
      "zh-Hans": {
        title: "【警戒级别5】紧急确保安全",
        body: "{time}，大阪市对{area}发布了“紧急确保安全”。灾害已经发生或迫在眉睫，有生命危险。请立即在尽量安全的地方确保自身安全。",
      },
      "zh-Hant": {
        title: "【警戒等級5】緊急確保安全",
        body: "{time}，大阪市對{area}發布了「緊急確保安全」。災害已經發生或迫在眉睫，有生命危險。請立即在盡量安全的地方確保自身安全。",
      },
      ko: {
        title: "[경계 레벨 5] 긴급 안전 확보",
        body: "{time}, 오사카시는 {area}에 긴급 안전 확보를 발령했습니다. 재해가 이미 발생했거나 임박했습니다. 생명이 위험합니다. 즉시 조금이라도 안전한 곳에서 몸의 안전을 확보하십시오.",
      },
      vi: {
        title: "[Cấp độ cảnh báo 5] Khẩn cấp: hãy bảo đảm an toàn ngay",
        body: "Vào {time}, thành phố Osaka đã ban hành cảnh báo khẩn cấp bảo đảm an toàn cho {area}. Thảm họa đã xảy ra hoặc sắp xảy ra. Tính mạng của bạn đang gặp nguy hiểm. Hãy bảo đảm an toàn cho bản thân ngay tại nơi an toàn nhất có thể.",
      },
      ne: {
        title: "[सतर्कता स्तर 5] आपतकाल: तुरुन्तै आफ्नो सुरक्षा गर्नुहोस्",
        body: "{time} मा ओसाका सहरले {area} का लागि आपतकालीन सुरक्षा सूचना जारी गरेको छ। विपद् भइसकेको छ वा हुन लागेको छ। तपाईंको ज्यान खतरामा छ। तुरुन्तै सकेसम्म सुरक्षित ठाउँमा आफ्नो सुरक्षा गर्नुहोस्।",
      },
      tl: {
        title: "[Alert Level 5] Emergency: iligtas ang sarili ngayon",
        body: "Noong {time}, naglabas ang Lungsod ng Osaka ng emergency na babala para sa {area}. May sakuna na o malapit nang mangyari. Nasa panganib ang inyong buhay. Iligtas agad ang sarili sa pinakaligtas na lugar na maaabot ninyo.",
      },
      pt: {
        title: "[Nível de alerta 5] Emergência: proteja-se agora",
        body: "Em {time}, a cidade de Osaka emitiu um alerta de emergência para {area}. Um desastre está acontecendo ou prestes a acontecer. Sua vida está em perigo. Proteja-se imediatamente no lugar mais seguro que puder alcançar.",
      },
      es: {
        title: "[Nivel de alerta 5] Emergencia: protéjase ahora",
        body: "El {time}, la ciudad de Osaka emitió una alerta de emergencia para {area}. Un desastre está ocurriendo o a punto de ocurrir. Su vida está en peligro. Protéjase de inmediato en el lugar más seguro que pueda alcanzar.",
      },
    },
  },

  "evacuation.lifted": {
    variables: ["area", "time"],
    evacuationSort: "解除",
    cap: { category: "Safety", responseType: "AllClear", urgency: "Past", severity: "Minor", certainty: "Observed" },
    areaMail: {
      title: "避難指示の解除",
      body: "大阪市は{area}の避難指示を解除しました。引き続き、気象情報や市からの情報に注意してください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "避難指示の解除",
        body: "{time}、大阪市は{area}の避難指示を解除しました。引き続き、気象情報や市からのお知らせに注意してください。",
      },
      "ja-x-easy": {
        title: "にげる 必要（ひつよう）は なくなりました",
        body: "{time}、大阪市（おおさかし）は {area}の「避難指示（ひなんしじ）」を やめました。これからも、天気（てんき）の ニュースや 市（し）からの お知（し）らせに 気（き）を つけて ください。",
      },
      en: {
        title: "Evacuation order lifted",
        body: "On {time}, Osaka City lifted the evacuation order for {area}. Please keep following weather information and notices from the city.",
      },
      "zh-Hans": {
        title: "解除避难指示",
        body: "{time}，大阪市解除了{area}的避难指示。请继续关注气象信息和市政府发布的通知。",
      },
      "zh-Hant": {
        title: "解除避難指示",
        body: "{time}，大阪市解除了{area}的避難指示。請繼續留意氣象資訊和市政府發布的通知。",
      },
      ko: {
        title: "대피 지시 해제",
        body: "{time}, 오사카시는 {area}의 대피 지시를 해제했습니다. 앞으로도 기상 정보와 시의 안내에 주의하십시오.",
      },
      vi: {
        title: "Dỡ bỏ lệnh sơ tán",
        body: "Vào {time}, thành phố Osaka đã dỡ bỏ lệnh sơ tán cho {area}. Hãy tiếp tục theo dõi thông tin thời tiết và thông báo của thành phố.",
      },
      ne: {
        title: "निष्कासन आदेश हटाइयो",
        body: "{time} मा ओसाका सहरले {area} को निष्कासन आदेश हटाएको छ। मौसमसम्बन्धी जानकारी र सहरका सूचनाहरूमा ध्यान दिइरहनुहोस्।",
      },
      tl: {
        title: "Inalis na ang utos na lumikas",
        body: "Noong {time}, inalis na ng Lungsod ng Osaka ang utos na lumikas para sa {area}. Patuloy na subaybayan ang balita tungkol sa panahon at ang mga abiso ng lungsod.",
      },
      pt: {
        title: "Ordem de evacuação suspensa",
        body: "Em {time}, a cidade de Osaka suspendeu a ordem de evacuação para {area}. Continue acompanhando as informações meteorológicas e os avisos da cidade.",
      },
      es: {
        title: "Se levanta la orden de evacuación",
        body: "El {time}, la ciudad de Osaka levantó la orden de evacuación para {area}. Siga atento a la información meteorológica y a los avisos de la ciudad.",
      },
    },
  },

  "earthquake.intensity": {
    variables: ["area", "time", "intensity"],
    cap: { category: "Geo", responseType: "Assess", urgency: "Immediate", severity: "Severe", certainty: "Observed" },
    areaMail: {
      title: "地震情報（震度{intensity}）",
      body: "{area}で震度{intensity}の揺れを観測しました。身の安全を確保し、火の元を確認してください。今後の情報に注意してください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "地震情報（震度{intensity}）",
        body: "{time}ごろ、{area}で震度{intensity}の揺れを観測しました。落ち着いて身の安全を確保し、火の元を確認してください。余震に注意し、今後の情報に注意してください。",
      },
      "ja-x-easy": {
        title: "地震（じしん）が ありました（震度（しんど）{intensity}）",
        body: "{time}ごろ、{area}で 震度（しんど）{intensity}の 地震（じしん）が ありました。あわてないで、自分（じぶん）の 体（からだ）を まもって ください。火（ひ）を 使（つか）って いたら 消（け）して ください。また 地震（じしん）が 来（く）るかも しれません。気（き）を つけて ください。",
      },
      en: {
        title: "Earthquake: seismic intensity {intensity}",
        body: "Around {time}, shaking of seismic intensity {intensity} (Japanese scale) was observed in {area}. Stay calm, protect yourself and check that gas and fires are off. Watch out for aftershocks and follow further information.",
      },
      "zh-Hans": {
        title: "地震信息（震度{intensity}）",
        body: "{time}左右，{area}观测到震度{intensity}的摇晃。请保持冷静，确保自身安全，并确认火源已关闭。请注意余震，留意后续信息。",
      },
      "zh-Hant": {
        title: "地震資訊（震度{intensity}）",
        body: "{time}左右，{area}觀測到震度{intensity}的搖晃。請保持冷靜，確保自身安全，並確認火源已關閉。請注意餘震，留意後續資訊。",
      },
      ko: {
        title: "지진 정보 (진도 {intensity})",
        body: "{time}경 {area}에서 진도 {intensity}의 흔들림이 관측되었습니다. 침착하게 몸의 안전을 확보하고 불씨를 확인하십시오. 여진에 주의하고 앞으로의 정보에 주의하십시오.",
      },
      vi: {
        title: "Động đất: cường độ {intensity}",
        body: "Khoảng {time}, đã ghi nhận rung lắc với cường độ địa chấn {intensity} (thang Nhật Bản) tại {area}. Hãy bình tĩnh, bảo vệ bản thân và kiểm tra bếp lửa, ga. Hãy cẩn thận với dư chấn và theo dõi thông tin tiếp theo.",
      },
      ne: {
        title: "भूकम्प: भूकम्पीय तीव्रता {intensity}",
        body: "{time} तिर {area} मा भूकम्पीय तीव्रता {intensity} (जापानी मापन) को कम्पन महसुस गरियो। शान्त रहनुहोस्, आफ्नो सुरक्षा गर्नुहोस् र आगो तथा ग्यास बन्द छ कि छैन जाँच गर्नुहोस्। पराकम्पनबाट सावधान रहनुहोस् र थप जानकारीमा ध्यान दिनुहोस्।",
      },
      tl: {
        title: "Lindol: seismic intensity {intensity}",
        body: "Bandang {time}, naramdaman ang pagyanig na may seismic intensity {intensity} (iskala ng Japan) sa {area}. Manatiling kalmado, protektahan ang sarili at tiyaking patay ang apoy at gas. Mag-ingat sa aftershock at sundan ang susunod na balita.",
      },
      pt: {
        title: "Terremoto: intensidade sísmica {intensity}",
        body: "Por volta de {time}, foi observado um tremor de intensidade sísmica {intensity} (escala japonesa) em {area}. Mantenha a calma, proteja-se e verifique se o gás e o fogo estão desligados. Cuidado com réplicas e acompanhe as próximas informações.",
      },
      es: {
        title: "Terremoto: intensidad sísmica {intensity}",
        body: "Hacia el {time}, se observó un sismo de intensidad {intensity} (escala japonesa) en {area}. Mantenga la calma, protéjase y compruebe que el gas y el fuego estén apagados. Tenga cuidado con las réplicas y siga la información posterior.",
      },
    },
  },

  "tsunami.warning": {
    variables: ["area", "time"],
    cap: { category: "Geo", responseType: "Evacuate", urgency: "Immediate", severity: "Extreme", certainty: "Likely" },
    areaMail: {
      title: "津波警報",
      body: "大阪府に津波警報が発表されました。{area}の海岸や川の近くにいる人は、ただちに高い場所へ避難してください。警報が解除されるまで戻らないでください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "【津波警報】ただちに高い場所へ避難",
        body: "{time}、大阪府に津波警報が発表されました。{area}の海岸や川の近くにいる人は、ただちに高い場所や津波避難ビルへ避難してください。津波は繰り返し襲ってきます。警報が解除されるまで、海岸や川に近づかないでください。",
      },
      "ja-x-easy": {
        title: "【津波（つなみ）】すぐに 高（たか）い ところへ にげてください",
        body: "{time}、大阪府（おおさかふ）に「津波警報（つなみけいほう）」が 出（で）ました。{area}の 海（うみ）や 川（かわ）の 近（ちか）くに いる 人（ひと）は、すぐに 高（たか）い ところや 高（たか）い ビルへ にげてください。津波（つなみ）は 何回（なんかい）も 来（き）ます。「もう だいじょうぶ」と 言（い）われるまで、海（うみ）や 川（かわ）に 近（ちか）づかないで ください。",
      },
      en: {
        title: "[Tsunami warning] Go to high ground now",
        body: "On {time}, a tsunami warning was issued for Osaka Prefecture. If you are near the coast or a river in {area}, go to high ground or a tsunami evacuation building immediately. Tsunami waves come again and again. Stay away from the coast and rivers until the warning is lifted.",
      },
      "zh-Hans": {
        title: "【海啸警报】请立即到高处避难",
        body: "{time}，大阪府发布了海啸警报。在{area}海岸或河流附近的人，请立即到高处或海啸避难大楼避难。海啸会反复来袭。在警报解除之前，请不要靠近海岸和河流。",
      },
      "zh-Hant": {
        title: "【海嘯警報】請立即到高處避難",
        body: "{time}，大阪府發布了海嘯警報。在{area}海岸或河流附近的人，請立即到高處或海嘯避難大樓避難。海嘯會反覆來襲。在警報解除之前，請不要靠近海岸和河流。",
      },
      ko: {
        title: "[쓰나미 경보] 즉시 높은 곳으로 대피",
        body: "{time}, 오사카부에 쓰나미 경보가 발표되었습니다. {area}의 해안이나 강 근처에 있는 분은 즉시 높은 곳이나 쓰나미 대피 빌딩으로 대피하십시오. 쓰나미는 반복해서 밀려옵니다. 경보가 해제될 때까지 해안이나 강에 가까이 가지 마십시오.",
      },
      vi: {
        title: "[Cảnh báo sóng thần] Lên chỗ cao ngay",
        body: "Vào {time}, cảnh báo sóng thần đã được ban hành cho tỉnh Osaka. Nếu bạn đang ở gần bờ biển hoặc sông tại {area}, hãy lên chỗ cao hoặc tòa nhà lánh nạn sóng thần ngay lập tức. Sóng thần sẽ đến nhiều lần. Đừng đến gần bờ biển và sông cho đến khi cảnh báo được dỡ bỏ.",
      },
      ne: {
        title: "[सुनामी चेतावनी] तुरुन्तै अग्लो ठाउँमा जानुहोस्",
        body: "{time} मा ओसाका प्रिफेक्चरका लागि सुनामी चेतावनी जारी गरिएको छ। {area} को समुद्री किनार वा नदी नजिक हुनुहुन्छ भने तुरुन्तै अग्लो ठाउँ वा सुनामी आश्रय भवनमा जानुहोस्। सुनामी पटकपटक आउँछ। चेतावनी नहटेसम्म समुद्री किनार र नदी नजिक नजानुहोस्।",
      },
      tl: {
        title: "[Babala sa tsunami] Pumunta agad sa mataas na lugar",
        body: "Noong {time}, naglabas ng babala sa tsunami para sa Osaka Prefecture. Kung malapit kayo sa baybayin o ilog sa {area}, pumunta agad sa mataas na lugar o sa tsunami evacuation building. Paulit-ulit na dumarating ang tsunami. Huwag lumapit sa baybayin at ilog hangga't hindi inaalis ang babala.",
      },
      pt: {
        title: "[Alerta de tsunami] Vá agora para um lugar alto",
        body: "Em {time}, foi emitido um alerta de tsunami para a província de Osaka. Se você estiver perto do litoral ou de um rio em {area}, vá imediatamente para um lugar alto ou um prédio de refúgio contra tsunami. As ondas de tsunami chegam várias vezes. Não se aproxime do litoral nem dos rios até o alerta ser suspenso.",
      },
      es: {
        title: "[Alerta de tsunami] Vaya ahora a un lugar alto",
        body: "El {time}, se emitió una alerta de tsunami para la prefectura de Osaka. Si está cerca de la costa o de un río en {area}, vaya de inmediato a un lugar alto o a un edificio de evacuación contra tsunamis. Las olas llegan una y otra vez. No se acerque a la costa ni a los ríos hasta que se levante la alerta.",
      },
    },
  },

  "heavy-rain.emergency-warning": {
    variables: ["area", "time"],
    cap: { category: "Met", responseType: "Shelter", urgency: "Immediate", severity: "Extreme", certainty: "Likely" },
    areaMail: {
      title: "大雨特別警報",
      body: "大阪市に大雨特別警報が発表されました。{area}では数十年に一度の大雨となっています。命を守るための最善の行動をとってください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "【大雨特別警報】命を守る行動を",
        body: "{time}、大阪市に大雨特別警報が発表されました。{area}では、数十年に一度の大雨となっています。土砂災害や浸水の危険があります。ただちに命を守るための最善の行動をとってください。",
      },
      "ja-x-easy": {
        title: "【大雨特別警報（おおあめとくべつけいほう）】いのちを まもって ください",
        body: "{time}、大阪市（おおさかし）に「大雨特別警報（おおあめとくべつけいほう）」が 出（で）ました。{area}では、何十年（なんじゅうねん）に 1回（かい）の とても ひどい 雨（あめ）です。がけが くずれたり、水（みず）が 家（いえ）に 入（はい）ったり します。すぐに いのちを まもって ください。",
      },
      en: {
        title: "[Heavy rain emergency warning] Act now to save your life",
        body: "On {time}, a heavy rain emergency warning was issued for Osaka City. {area} is having the heaviest rain in decades. There is a danger of landslides and flooding. Take the best action to protect your life immediately.",
      },
      "zh-Hans": {
        title: "【大雨特别警报】请采取保护生命的行动",
        body: "{time}，大阪市发布了大雨特别警报。{area}正在遭遇数十年一遇的大雨，有发生泥石流和浸水的危险。请立即采取保护生命的最佳行动。",
      },
      "zh-Hant": {
        title: "【大雨特別警報】請採取保護生命的行動",
        body: "{time}，大阪市發布了大雨特別警報。{area}正在遭遇數十年一遇的大雨，有發生土石流和淹水的危險。請立即採取保護生命的最佳行動。",
      },
      ko: {
        title: "[폭우 특별 경보] 생명을 지키는 행동을",
        body: "{time}, 오사카시에 폭우 특별 경보가 발표되었습니다. {area}에는 수십 년에 한 번 있을 큰비가 내리고 있습니다. 산사태와 침수의 위험이 있습니다. 즉시 생명을 지키기 위한 최선의 행동을 하십시오.",
      },
      vi: {
        title: "[Cảnh báo đặc biệt mưa lớn] Hãy hành động để bảo vệ tính mạng",
        body: "Vào {time}, cảnh báo đặc biệt mưa lớn đã được ban hành cho thành phố Osaka. {area} đang có mưa lớn nhất trong vài chục năm. Có nguy cơ sạt lở đất và ngập lụt. Hãy hành động tốt nhất để bảo vệ tính mạng ngay lập tức.",
      },
      ne: {
        title: "[भारी वर्षाको विशेष चेतावनी] ज्यान जोगाउन तुरुन्तै कदम चाल्नुहोस्",
        body: "{time} मा ओसाका सहरका लागि भारी वर्षाको विशेष चेतावनी जारी गरिएको छ। {area} मा दशकौँमा एक पटक हुने भारी वर्षा भइरहेको छ। पहिरो र डुबानको खतरा छ। तुरुन्तै आफ्नो ज्यान जोगाउन सक्दो राम्रो कदम चाल्नुहोस्।",
      },
      tl: {
        title: "[Emergency warning sa malakas na ulan] Iligtas ang buhay ngayon",
        body: "Noong {time}, naglabas ng emergency warning sa malakas na ulan para sa Lungsod ng Osaka. Nararanasan sa {area} ang pinakamalakas na ulan sa loob ng ilang dekada. May panganib ng pagguho ng lupa at baha. Gawin agad ang pinakamabuting hakbang para iligtas ang inyong buhay.",
      },
      pt: {
        title: "[Alerta especial de chuva forte] Proteja sua vida agora",
        body: "Em {time}, foi emitido um alerta especial de chuva forte para a cidade de Osaka. {area} enfrenta a chuva mais forte em décadas. Há perigo de deslizamentos de terra e inundações. Tome imediatamente a melhor ação para proteger sua vida.",
      },
      es: {
        title: "[Alerta especial por lluvias intensas] Proteja su vida ahora",
        body: "El {time}, se emitió una alerta especial por lluvias intensas para la ciudad de Osaka. En {area} está lloviendo como no ocurría en décadas. Hay peligro de deslizamientos de tierra e inundaciones. Tome de inmediato la mejor medida para proteger su vida.",
      },
    },
  },

  "shelter.opened": {
    variables: ["area", "time", "shelter"],
    cap: { category: "Safety", responseType: "Prepare", urgency: "Expected", severity: "Moderate", certainty: "Observed" },
    areaMail: {
      title: "避難所を開設しました",
      body: "{area}の{shelter}を避難所として開設しました。避難するときは、食べ物、水、薬、携帯電話の充電器を持ってきてください。（{time}　大阪市）",
    },
    text: {
      ja: {
        title: "避難所を開設しました",
        body: "{time}、{area}の{shelter}を避難所として開設しました。避難するときは、食べ物、水、常備薬、携帯電話の充電器などを持ってきてください。",
      },
      "ja-x-easy": {
        title: "ひなんじょが あきました",
        body: "{time}、{area}の {shelter}が 避難所（ひなんじょ）に なりました。にげる ときは、食（た）べもの、水（みず）、いつも のんでいる 薬（くすり）、スマートフォンの 充電器（じゅうでんき）を 持（も）って きて ください。",
      },
      en: {
        title: "Evacuation shelter open",
        body: "On {time}, {shelter} in {area} opened as an evacuation shelter. If you go there, bring food, water, your regular medicines and a phone charger.",
      },
      "zh-Hans": {
        title: "避难所已开设",
        body: "{time}，{area}的{shelter}已作为避难所开设。前往避难时，请携带食物、水、常用药和手机充电器等。",
      },
      "zh-Hant": {
        title: "避難所已開設",
        body: "{time}，{area}的{shelter}已作為避難所開設。前往避難時，請攜帶食物、水、常用藥和手機充電器等。",
      },
      ko: {
        title: "대피소를 개설했습니다",
        body: "{time}, {area}의 {shelter}을(를) 대피소로 개설했습니다. 대피할 때는 음식, 물, 상비약, 휴대전화 충전기 등을 가져오십시오.",
      },
      vi: {
        title: "Đã mở nơi lánh nạn",
        body: "Vào {time}, {shelter} tại {area} đã được mở làm nơi lánh nạn. Khi đến đó, hãy mang theo thức ăn, nước uống, thuốc thường dùng và sạc điện thoại.",
      },
      ne: {
        title: "आश्रयस्थल खुला गरिएको छ",
        body: "{time} मा {area} को {shelter} लाई आश्रयस्थलको रूपमा खोलिएको छ। त्यहाँ जाँदा खाना, पानी, नियमित औषधि र फोन चार्जर लिएर आउनुहोस्।",
      },
      tl: {
        title: "Bukas na ang evacuation shelter",
        body: "Noong {time}, binuksan bilang evacuation shelter ang {shelter} sa {area}. Kung pupunta kayo, magdala ng pagkain, tubig, regular na gamot at charger ng telepono.",
      },
      pt: {
        title: "Abrigo de evacuação aberto",
        body: "Em {time}, {shelter}, em {area}, foi aberto como abrigo de evacuação. Se for para lá, leve comida, água, seus remédios de uso contínuo e o carregador do celular.",
      },
      es: {
        title: "Refugio de evacuación abierto",
        body: "El {time}, {shelter}, en {area}, se abrió como refugio de evacuación. Si va allí, lleve comida, agua, sus medicamentos habituales y el cargador del teléfono.",
      },
    },
  },
};

export function isTemplateKey(value: unknown): value is TemplateKey {
  return typeof value === "string" && (TEMPLATE_KEYS as readonly string[]).includes(value);
}
