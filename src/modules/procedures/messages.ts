/**
 * Messages of the resident side of procedures (namespace "procedures"): the catalogue, the
 * procedure page, form pages, check your answers, the receipt and its e-mail, my page, the
 * application page with its timeline, withdrawing and answering a correction request (補正).
 * Japanese is the default; English is complete (messages.test.ts checks it).
 */
import { registerMessages, t, type Locale } from "../../core/i18n/index.ts";
import type { ApplicationStatus } from "./tables.ts";

const ja = {
  // Status words (受付 → 審査中 → 補正依頼 → 完了 / 却下 / 取下げ)
  "status.received": "受付",
  "status.reviewing": "審査中",
  "status.correction_requested": "補正依頼",
  "status.approved": "完了",
  "status.rejected": "却下",
  "status.withdrawn": "取下げ",

  // Catalogue
  "catalogue.title": "手続きをさがす",
  "catalogue.lead": "キーワードでさがすか、くらしのできごと・分類・担当部署から選んでください。",
  "catalogue.popular": "よく使われる手続き",
  "catalogue.searchLabel": "手続きの名前やキーワード",
  "catalogue.searchHint": "ひらがな・カタカナ・漢字のどれでもさがせます（例：じゅうみんひょう、転入、保育所）",
  "catalogue.searchButton": "さがす",
  "catalogue.resultsFor": "「{q}」の検索結果",
  "catalogue.resultsCount": "{count}件の手続きが見つかりました。",
  "catalogue.noResults": "「{q}」に当てはまる手続きは見つかりませんでした。",
  "catalogue.noResultsHelp": "ことばを短くするか、別のことば（ひらがな・カタカナでも）でさがしてください。下の「くらしのできごと」や「分類」から選ぶこともできます。",
  "catalogue.noneInList": "この条件に当てはまる手続きはありません。",
  "catalogue.browseEvents": "くらしのできごとからさがす",
  "catalogue.browseCategories": "分類からさがす",
  "catalogue.browseDepartments": "担当部署からさがす",
  "catalogue.eventTitle": "{name}の手続き",
  "catalogue.categoryTitle": "分類：{name}",
  "catalogue.departmentTitle": "担当：{name}",
  "catalogue.filteredBy": "絞り込み：{filters}",
  "catalogue.clearFilters": "条件をすべて解除する",
  "catalogue.allProcedures": "すべての手続きを見る",
  "catalogue.allTitle": "すべての手続き",
  "catalogue.count": "（{count}件）",

  // Channel (never colour alone: always words)
  "channel.online": "オンライン申請できます",
  "channel.counter": "窓口で手続き",
  "channel.both": "オンライン・窓口どちらでも",
  "channel.long.online": "オンラインで申請します。",
  "channel.long.counter": "窓口で手続きします。オンラインでは申請できません。",
  "channel.long.both": "オンラインでも、窓口でも申請できます。",

  // Procedure page
  "procedure.whoCanApply": "申請できる方",
  "procedure.whatYouNeed": "必要なもの",
  "procedure.fee": "手数料",
  "procedure.processingTime": "処理にかかる期間",
  "procedure.howToApply": "申請の方法",
  "procedure.department": "担当部署",
  "procedure.legalBasis": "根拠となる法令",
  "procedure.noFee": "無料",
  "procedure.nothingNeeded": "特にありません",
  "procedure.feePerCopy": "1通{amount}円",
  "procedure.feePerItem": "1点{amount}円",
  "procedure.feeFlat": "{amount}円",
  "procedure.feeFree": "申請は無料です",
  "procedure.start": "オンラインで申請を始める",
  "procedure.startNote": "申請にはログインが必要です。入力した内容は1ページごとに下書きとして保存され、別の端末からも続きを入力できます。",
  "procedure.signInToStart": "ログインして申請を始める",
  "procedure.counterOnly": "この手続きはオンラインでは申請できません。{department}の窓口でお手続きください。",
  "procedure.counterAlso": "窓口で申請する場合は、{department}へお越しください。",
  "procedure.backToCatalogue": "手続きの一覧へ戻る",

  // Form pages
  "form.back": "戻る",
  "form.continue": "次へ進む",
  "form.saveAndExit": "下書きを保存して中断する",
  "form.saveNote": "「下書きを保存して中断する」を選ぶと、入力途中の内容も保存されます。マイページから続きを入力できます。",
  "form.upload.tooBig": "ファイルは{max}以下にしてください（選んだファイルは{max}を超えています）",

  // Check your answers
  "check.title": "申請内容の確認",
  "check.lead": "申請する前に、入力した内容を確認してください。変更するときは「変更」を選んでください。",
  "check.declarationTitle": "申請する前に確認してください",
  "check.submit": "申請する",
  "check.submitNote": "「申請する」を選ぶと申請が送信され、受付番号が表示されます。受付番号はメールでもお知らせします。",

  // Receipt
  "receipt.title": "申請を受け付けました",
  "receipt.reference": "受付番号",
  "receipt.emailSent": "受付番号を {email} にメールでお送りしました。お問い合わせの際は受付番号をお伝えください。",
  "receipt.nextTitle": "これからの流れ",
  "receipt.next1": "{department}で申請内容を確認します。",
  "receipt.next2": "処理にかかる期間の目安：{time}",
  "receipt.next3": "内容に不足や誤りがあるときは「補正」をお願いすることがあります。そのときはメールでお知らせし、マイページに表示します。",
  "receipt.viewApplication": "申請の状況を見る",
  "receipt.toMyPage": "マイページへ",

  // Receipt e-mail
  "mail.receipt.subject": "【大阪市】申請を受け付けました（受付番号 {reference}）",
  "mail.receipt.greeting": "{name} 様",
  "mail.receipt.intro": "次の申請を受け付けました。",
  "mail.receipt.reference": "受付番号：{reference}",
  "mail.receipt.procedure": "手続き：{procedure}",
  "mail.receipt.submittedAt": "受付日時：{at}",
  "mail.receipt.nextTitle": "これからの流れ",
  "mail.receipt.next": "担当部署（{department}）で申請内容を確認します。処理にかかる期間の目安：{time}\n内容に不足や誤りがあるときは補正をお願いすることがあります。そのときはメールでお知らせします。",
  "mail.receipt.link": "申請の状況は、次のページで確認できます。",
  "mail.receipt.footer": "このメールは送信専用のアドレスから送っています。お心当たりのない場合は、このメールを破棄してください。\n大阪市 オンライン申請（Machi）",

  // My page
  "my.title": "マイページ",
  "my.saved": "下書きを保存しました。続きはこのページの「続きを入力する」から入力できます。",
  "my.withdrawn": "申請を取り下げました。",
  "my.drafts": "入力途中の申請（下書き）",
  "my.noDrafts": "入力途中の申請はありません。",
  "my.lastSaved": "最終保存：{at}",
  "my.resume": "続きを入力する",
  "my.applications": "申請した手続き",
  "my.noApplications": "まだ申請はありません。",
  "my.findProcedure": "手続きをさがす",
  "my.profile": "登録情報（氏名・住所など）を確認・変更する",
  "my.col.reference": "受付番号",
  "my.col.status": "状態",

  // Application page
  "application.title": "申請の状況",
  "application.status": "現在の状態",
  "application.submittedAt": "申請日時",
  "application.timeline": "これまでの経過",
  "application.documents": "書類",
  "application.receiptPdf": "受付票（PDF）をダウンロード",
  "application.issuedPdf": "{title}（PDF、{date}発行）をダウンロード",
  "application.answers": "申請した内容",
  "application.correctionTitle": "補正（修正）のお願いがあります",
  "application.correctionLead": "担当部署から次の連絡があります。",
  "application.correctionLink": "補正する（指摘された項目を修正する）",
  "application.corrected": "補正した内容を送信しました。担当部署が確認します。",
  "application.withdrawTitle": "申請の取下げ",
  "application.withdrawLink": "この申請を取り下げる",
  "application.finalNote": "この申請は「{status}」で手続きが終わっています。",
  "application.backToMy": "マイページへ戻る",

  // Timeline (newest last)
  "event.submitted": "申請を受け付けました",
  "event.status.received": "申請を受け付けました",
  "event.status.reviewing": "審査を開始しました",
  "event.status.correction_requested": "補正（修正）をお願いしました",
  "event.status.approved": "手続きが完了しました",
  "event.status.rejected": "申請を却下しました",
  "event.status.withdrawn": "申請を取り下げました",
  "event.correction_requested": "補正（修正）をお願いしました",
  "event.corrected": "補正した内容を受け付けました",
  "event.withdrawn": "申請を取り下げました",
  "event.note": "担当部署からのお知らせ",
  "event.message": "担当部署からの連絡：{message}",

  // Withdraw
  "withdraw.title": "申請を取り下げますか",
  "withdraw.lead": "{procedure}（受付番号 {reference}）の申請を取り下げます。",
  "withdraw.warning": "取り下げた申請は元に戻せません。もう一度申請するときは、はじめから申請してください。",
  "withdraw.confirm": "取り下げる",
  "withdraw.cancel": "取り下げずに戻る",
  "withdraw.notPossible": "この申請はすでに「{status}」で手続きが終わっているため、取り下げできません。",

  // Correction (補正)
  "correct.title": "申請内容の補正",
  "correct.lead": "担当部署から修正をお願いされた項目だけを表示しています。内容を直して「補正内容を送信する」を選んでください。",
  "correct.staffMessage": "担当部署からの連絡",
  "correct.submit": "補正内容を送信する",
  "correct.conflict": "この申請は、表示している間に担当部署で更新されました。入力した内容はそのまま残しています。最新の状態を確認してから、もう一度送信してください。",
  "correct.pageTitle": "修正をお願いされた項目",
};

type Messages = Record<keyof typeof ja, string>;

const en: Messages = {
  "status.received": "Received",
  "status.reviewing": "Under review",
  "status.correction_requested": "Correction requested",
  "status.approved": "Completed",
  "status.rejected": "Rejected",
  "status.withdrawn": "Withdrawn",

  "catalogue.title": "Find a procedure",
  "catalogue.lead": "Search by keyword, or choose a life event, a category or a department.",
  "catalogue.popular": "Popular procedures",
  "catalogue.searchLabel": "Name of the procedure or a keyword",
  "catalogue.searchHint": "You can search in English, kanji, hiragana or katakana (e.g. residence record, じゅうみんひょう, nursery)",
  "catalogue.searchButton": "Search",
  "catalogue.resultsFor": "Results for “{q}”",
  "catalogue.resultsCount": "{count} procedures found.",
  "catalogue.noResults": "No procedures match “{q}”.",
  "catalogue.noResultsHelp": "Try a shorter or different word (hiragana and katakana work too), or choose from the life events and categories below.",
  "catalogue.noneInList": "No procedures match these choices.",
  "catalogue.browseEvents": "Browse by life event",
  "catalogue.browseCategories": "Browse by category",
  "catalogue.browseDepartments": "Browse by department",
  "catalogue.eventTitle": "Procedures for: {name}",
  "catalogue.categoryTitle": "Category: {name}",
  "catalogue.departmentTitle": "Department: {name}",
  "catalogue.filteredBy": "Showing: {filters}",
  "catalogue.clearFilters": "Clear all choices",
  "catalogue.allProcedures": "See all procedures",
  "catalogue.allTitle": "All procedures",
  "catalogue.count": " ({count})",

  "channel.online": "Apply online",
  "channel.counter": "At a counter only",
  "channel.both": "Online or at a counter",
  "channel.long.online": "You apply online.",
  "channel.long.counter": "You apply at a counter. You cannot apply online.",
  "channel.long.both": "You can apply online or at a counter.",

  "procedure.whoCanApply": "Who can apply",
  "procedure.whatYouNeed": "What you need",
  "procedure.fee": "Fee",
  "procedure.processingTime": "How long it takes",
  "procedure.howToApply": "How to apply",
  "procedure.department": "Department",
  "procedure.legalBasis": "Legal basis",
  "procedure.noFee": "Free",
  "procedure.nothingNeeded": "Nothing in particular",
  "procedure.feePerCopy": "{amount} yen per copy",
  "procedure.feePerItem": "{amount} yen per item",
  "procedure.feeFlat": "{amount} yen",
  "procedure.feeFree": "The application is free",
  "procedure.start": "Start your application online",
  "procedure.startNote": "You need to sign in to apply. What you enter is saved as a draft after every page, and you can continue on another device.",
  "procedure.signInToStart": "Sign in to start your application",
  "procedure.counterOnly": "You cannot apply for this online. Please go to the counter of the {department}.",
  "procedure.counterAlso": "To apply at a counter, go to the {department}.",
  "procedure.backToCatalogue": "Back to all procedures",

  "form.back": "Back",
  "form.continue": "Continue",
  "form.saveAndExit": "Save as a draft and come back later",
  "form.saveNote": "“Save as a draft and come back later” also keeps what you have typed on this page. You can continue from My page.",
  "form.upload.tooBig": "The file must be {max} or smaller (the selected file is larger than {max})",

  "check.title": "Check your answers",
  "check.lead": "Check your answers before you apply. Choose “Change” to change an answer.",
  "check.declarationTitle": "Before you apply",
  "check.submit": "Apply",
  "check.submitNote": "When you choose “Apply”, your application is sent and you get a reference number. We also send it to you by e-mail.",

  "receipt.title": "Application received",
  "receipt.reference": "Your reference number",
  "receipt.emailSent": "We have sent the reference number to {email}. Please quote it if you contact us.",
  "receipt.nextTitle": "What happens next",
  "receipt.next1": "The {department} will check your application.",
  "receipt.next2": "How long it usually takes: {time}",
  "receipt.next3": "If something is missing or wrong, we may ask you to correct it. We will tell you by e-mail and on My page.",
  "receipt.viewApplication": "See the progress of your application",
  "receipt.toMyPage": "Go to My page",

  "mail.receipt.subject": "Osaka City: application received (reference {reference})",
  "mail.receipt.greeting": "Dear {name},",
  "mail.receipt.intro": "We have received the following application.",
  "mail.receipt.reference": "Reference number: {reference}",
  "mail.receipt.procedure": "Procedure: {procedure}",
  "mail.receipt.submittedAt": "Received: {at}",
  "mail.receipt.nextTitle": "What happens next",
  "mail.receipt.next": "The {department} will check your application. How long it usually takes: {time}\nIf something is missing or wrong, we may ask you to correct it. We will tell you by e-mail.",
  "mail.receipt.link": "You can follow your application here:",
  "mail.receipt.footer": "This e-mail was sent from an address that does not receive replies. If you did not apply, please ignore this e-mail.\nOsaka City Online Services (Machi)",

  "my.title": "My page",
  "my.saved": "Your draft has been saved. You can continue with “Continue your application” on this page.",
  "my.withdrawn": "Your application has been withdrawn.",
  "my.drafts": "Applications in progress (drafts)",
  "my.noDrafts": "You have no applications in progress.",
  "my.lastSaved": "Last saved: {at}",
  "my.resume": "Continue your application",
  "my.applications": "Your applications",
  "my.noApplications": "You have not applied for anything yet.",
  "my.findProcedure": "Find a procedure",
  "my.profile": "Check or change your details (name, address and more)",
  "my.col.reference": "Reference",
  "my.col.status": "Status",

  "application.title": "Your application",
  "application.status": "Status",
  "application.submittedAt": "Submitted",
  "application.timeline": "History",
  "application.documents": "Documents",
  "application.receiptPdf": "Download the receipt (PDF)",
  "application.issuedPdf": "Download {title} (PDF, issued {date})",
  "application.answers": "What you applied for",
  "application.correctionTitle": "We need you to correct something",
  "application.correctionLead": "The department has sent you this message.",
  "application.correctionLink": "Correct your application (only the answers asked about)",
  "application.corrected": "Your corrections have been sent. The department will check them.",
  "application.withdrawTitle": "Withdraw this application",
  "application.withdrawLink": "Withdraw this application",
  "application.finalNote": "This application has ended: {status}.",
  "application.backToMy": "Back to My page",

  "event.submitted": "Application received",
  "event.status.received": "Application received",
  "event.status.reviewing": "Review started",
  "event.status.correction_requested": "We asked you to correct your application",
  "event.status.approved": "Completed",
  "event.status.rejected": "Application rejected",
  "event.status.withdrawn": "Application withdrawn",
  "event.correction_requested": "We asked you to correct your application",
  "event.corrected": "Your corrections were received",
  "event.withdrawn": "Application withdrawn",
  "event.note": "A message from the department",
  "event.message": "Message from the department: {message}",

  "withdraw.title": "Do you want to withdraw your application?",
  "withdraw.lead": "You are withdrawing your application for {procedure} (reference {reference}).",
  "withdraw.warning": "A withdrawn application cannot be restored. To apply again you will need to start a new application.",
  "withdraw.confirm": "Withdraw",
  "withdraw.cancel": "Go back without withdrawing",
  "withdraw.notPossible": "This application has already ended ({status}), so it cannot be withdrawn.",

  "correct.title": "Correct your application",
  "correct.lead": "Only the answers the department asked you to correct are shown. Correct them and choose “Send corrections”.",
  "correct.staffMessage": "Message from the department",
  "correct.submit": "Send corrections",
  "correct.conflict": "The department updated this application while you were correcting it. What you typed has been kept. Check the latest status, then send again.",
  "correct.pageTitle": "Answers to correct",
};

registerMessages("procedures", { ja, en });

const KNOWN_STATUSES: ReadonlySet<string> = new Set(["received", "reviewing", "correction_requested", "approved", "rejected", "withdrawn"]);

/**
 * The status of an application in plain words (受付, 審査中, 補正依頼, 完了, 却下, 取下げ).
 * Status is never shown by colour alone; use this next to any coloured tag.
 *
 * @example statusLabel("correction_requested", "ja") // "補正依頼"
 */
export function statusLabel(status: ApplicationStatus, locale: Locale): string {
  return KNOWN_STATUSES.has(status) ? t(locale, `procedures.status.${status}`) : status;
}
