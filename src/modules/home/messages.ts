import { registerMessages } from "../../core/i18n/index.ts";

registerMessages("home", {
  ja: {
    title: "大阪市の手続きをオンラインで",
    lead: "住民票の写しの請求、介護や子育ての申請などを、いつでもスマートフォンやパソコンから行えます。窓口に並ぶ必要はありません。",
    findProcedure: "手続きをさがす",
    popular: "よく使われる手続き",
    juminhyo: "住民票の写し交付請求",
    care: "要介護・要支援認定申請",
    childMedical: "こども医療費助成の資格認定申請",
    myPageTitle: "申請の状況を確認する",
    myPageText: "申請した手続きの進み具合は、マイページでいつでも確認できます。",
    myPageLink: "マイページへ",
  },
  en: {
    title: "Osaka City services online",
    lead: "Request a copy of your residence record, apply for long-term care or child-raising support and more — any time, from your phone or computer. No queuing at a counter.",
    findProcedure: "Find a procedure",
    popular: "Popular procedures",
    juminhyo: "Request a copy of the residence record (juminhyo)",
    care: "Apply for long-term care certification",
    childMedical: "Apply for the child medical expense subsidy",
    myPageTitle: "Check your applications",
    myPageText: "You can follow the progress of your applications on My page at any time.",
    myPageLink: "Go to My page",
  },
});
