/**
 * The catalogue and the case store at city scale, on real PostgreSQL:
 *
 *  - seeding the demo catalogue (30 hand-written + ~1,530 generated procedures), on PostgreSQL and,
 *    in a temporary data directory, on PGlite (the embedded database `npm start` uses);
 *  - catalogue search (searchCatalogue, what /procedures?q= runs) over those 1,500+ procedures:
 *    Japanese words, readings in hiragana and half-width katakana, two-word queries, filters;
 *  - the staff inbox over 1,000,000 applications (generated in SQL with generate_series: drafts,
 *    applications of 20,000 residents across every department, realistic statuses, three years of
 *    dates, Japanese names): the queries GET /staff/cases runs together (department names, staff,
 *    count, first page), for the busiest department and for a ward office, and filtered by status;
 *  - publishing a 40-question form through the builder's publish (checks, version, catalogue
 *    update, version log, audit).
 *
 * Aims: search p95 < 30 ms, inbox p95 < 150 ms, publish p95 < 500 ms.
 *
 *   npm run bench -- builder     (BUILDER_BENCH_CASES=1000000 by default; BUILDER_BENCH_PGLITE=0 skips PGlite;
 *                                 BUILDER_BENCH_KEEP=1 keeps the PostgreSQL database for EXPLAIN)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Db } from "../src/core/db/database.ts";
import type { Actor } from "../src/core/http/actor.ts";
import { migrate } from "../src/core/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { createProcedure, publishDefinitionForBench } from "../src/modules/builder/index.ts";
import { searchCatalogue } from "../src/modules/procedures/index.ts";
import type { FormDefinition, QuestionDef } from "../src/modules/procedures/forms/definition.ts";
import { generateDemoProcedures, importProcedureDocuments } from "../src/modules/procedures/exchange/index.ts";
import { departmentStaff } from "../src/modules/identity/index.ts";
import { countCases, departmentNames, listCases, type CaseFilter } from "../src/modules/procedures/staff/queries.ts";
import { createTestDatabase } from "../src/testing/database.ts";
import { percentile, progress, report, round } from "./lib.ts";

const CASES = Number(process.env.BUILDER_BENCH_CASES ?? 1_000_000);
const RESIDENTS = 20_000;
const BATCH = 100_000;
const SEARCH_RUNS = 2000;
const INBOX_RUNS = 200;
const PUBLISH_RUNS = 30;
const PAGE_SIZE = 25;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

async function scalar(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Seeding on PGlite

async function pgliteSeed(): Promise<{ generatedMs: number; totalMs: number } | null> {
  if (process.env.BUILDER_BENCH_PGLITE === "0") return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-bench-builder-"));
  try {
    progress("PGlite: migrating a fresh embedded database…");
    const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    try {
      await migrate(database);
      const [baseMs] = await timed(() => seedDemo(database.db, { cases: false, generatedProcedures: false }));
      progress("PGlite: seeding the generated demo catalogue…");
      const [generatedMs] = await timed(() => importProcedureDocuments({ db: database.db, items: generateDemoProcedures().map((document) => ({ document })) }));
      progress(`PGlite: ${generatedDemoCount()} generated procedures in ${Math.round(generatedMs)} ms`);
      return { generatedMs: round(generatedMs, 0), totalMs: round(baseMs + generatedMs, 0) };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const generatedDemoCount = () => generateDemoProcedures().length;

// ---------------------------------------------------------------------------------------------
// Catalogue search

const QUERIES: Array<{ q: string; category?: string; event?: string; department?: string }> = [
  { q: "住民票" },
  { q: "じゅうみんひょう" },
  { q: "ｼﾞｭｳﾐﾝﾋｮｳ" },
  { q: "補助金" },
  { q: "法律相談" },
  { q: "北区 会議室" },
  { q: "ほいく" },
  { q: "営業許可" },
  { q: "ボランティア 登録" },
  { q: "こども" },
  { q: "廃止届" },
  { q: "パスポート" },
  { q: "", category: "business" },
  { q: "", event: "moving" },
  { q: "", department: "ward-hirano" },
  { q: "健診", event: "birth-childcare" },
];

async function benchSearch(db: Db) {
  for (let i = 0; i < 100; i++) await searchCatalogue({ db, ...QUERIES[i % QUERIES.length]! });
  const ms: number[] = [];
  let results = 0;
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const [elapsed, rows] = await timed(() => searchCatalogue({ db, ...QUERIES[i % QUERIES.length]! }));
    ms.push(elapsed);
    results += rows.length;
  }
  return { ...summary(ms), meanResults: round(results / SEARCH_RUNS, 1) };
}

// ---------------------------------------------------------------------------------------------
// One million applications

async function generateCases(db: Db): Promise<void> {
  progress(`generating ${RESIDENTS} residents…`);
  await db.execute(sql`SELECT setseed(0.42)`);
  await db.execute(
    sql`INSERT INTO users (kind, email, family_name, given_name, family_kana, given_kana)
        SELECT 'resident', 'bench.resident.' || i || '@example.jp',
               (ARRAY['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村','小林','加藤','吉田','山田','佐々木','松本','井上','木村','林','清水','山口','金'])[1 + i % 20],
               (ARRAY['陽子','健一','花子','大輔','美咲','翔太','さくら','由美','太郎','美玲','蓮','結衣','悠真','陽菜','湊','凛','颯太','芽依','大和','葵'])[1 + (i / 20) % 20],
               'ベンチ', 'ジュウミン'
        FROM generate_series(1, ${RESIDENTS}) AS i`,
  );
  // The procedures with a form, the hand-written (popular) ones first: applications are skewed
  // towards them (住民票, 児童手当 …) the way real demand is, and spread over every department.
  await db.execute(sql`DROP TABLE IF EXISTS bench_procedures`);
  await db.execute(
    sql`CREATE TABLE bench_procedures AS
        SELECT row_number() OVER (ORDER BY p.demo, p.slug) - 1 AS n, p.id AS procedure_id, p.current_version_id AS version_id,
               p.department_code, p.title->>'ja' AS title
        FROM procedures p WHERE p.published AND p.current_version_id IS NOT NULL`,
  );
  const procedures = await scalar(db, sql`SELECT count(*)::int AS n FROM bench_procedures`);
  await db.execute(sql`DROP TABLE IF EXISTS bench_residents`);
  await db.execute(sql`CREATE TABLE bench_residents AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, family_name || ' ' || given_name AS name FROM users WHERE email LIKE 'bench.resident.%'`);
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_procedures (n)`);
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_residents (n)`);

  // Bulk-load practice: drop the secondary indexes (not those of constraints) and build them
  // again afterwards — much faster than maintaining them row by row. The definitions come from
  // the database itself, so the schema afterwards is exactly what the migrations made.
  const secondary = await queryRows<{ name: string; definition: string }>(
    db,
    sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename IN ('applications', 'drafts')
          AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
  );
  for (const index of secondary) await db.execute(sql.raw(`DROP INDEX ${index.name}`));

  for (let from = 1; from <= CASES; from += BATCH) {
    const to = Math.min(CASES, from + BATCH - 1);
    const [ms] = await timed(async () => {
      await db.transaction(async (tx) => {
        // A bulk load: the rows are consistent by construction, so skip the per-row foreign-key
        // triggers (superuser on the test server) and the wait for the WAL flush.
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(sql`SET LOCAL synchronous_commit = off`);
        // Each case: which procedure (skewed), which resident, when (three years back) and where it stands.
        await tx.execute(sql`DROP TABLE IF EXISTS bench_batch`);
        await tx.execute(
          sql`CREATE TEMP TABLE bench_batch ON COMMIT DROP AS
              SELECT i,
                     md5('bench-draft-' || i)::uuid AS draft_id,
                     floor(${procedures}::int * power(((i::bigint * 2654435761) % 1000003)::float8 / 1000003.0, 2.5))::int AS procedure_n,
                     ((i::bigint * 40503) % ${RESIDENTS}::int)::int AS resident_n,
                     now() - (((i::bigint * 7919) % 94608000) || ' seconds')::interval AS submitted_at,
                     ((i::bigint * 104729) % 100)::int AS status_draw
              FROM generate_series(${from}::int, ${to}::int) AS i`,
        );
        await tx.execute(
          sql`INSERT INTO drafts (id, user_id, procedure_version_id, answers, current_page, created_at, updated_at, submitted_at)
              SELECT b.draft_id, r.id, p.version_id, '{}'::jsonb, NULL, b.submitted_at - interval '20 minutes', b.submitted_at, b.submitted_at
              FROM bench_batch b JOIN bench_procedures p ON p.n = b.procedure_n JOIN bench_residents r ON r.n = b.resident_n`,
        );
        await tx.execute(
          sql`INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers,
                                        status, revision, submitted_at, updated_at, decided_at)
              SELECT to_char(b.submitted_at AT TIME ZONE 'Asia/Tokyo', 'YYYYMMDD') || '-B' || lpad(b.i::text, 7, '0'),
                     b.draft_id, r.id, p.procedure_id, p.version_id, p.department_code, r.name,
                     jsonb_build_object('applicant_name', jsonb_build_object('family', split_part(r.name, ' ', 1), 'given', split_part(r.name, ' ', 2)),
                                        'applicant_phone', '06-0000-' || lpad((b.i % 10000)::text, 4, '0'),
                                        'purpose', 'ベンチマーク用のデータです'),
                     s.status, 1, b.submitted_at,
                     b.submitted_at + interval '2 days',
                     CASE WHEN s.status IN ('approved', 'rejected', 'withdrawn') THEN b.submitted_at + interval '5 days' END
              FROM bench_batch b
              JOIN bench_procedures p ON p.n = b.procedure_n
              JOIN bench_residents r ON r.n = b.resident_n
              CROSS JOIN LATERAL (SELECT CASE
                  WHEN b.submitted_at > now() - interval '30 days' AND b.status_draw < 40 THEN 'received'
                  WHEN b.submitted_at > now() - interval '30 days' AND b.status_draw < 75 THEN 'reviewing'
                  WHEN b.status_draw < 3 THEN 'correction_requested'
                  WHEN b.status_draw < 10 THEN 'withdrawn'
                  WHEN b.status_draw < 16 THEN 'rejected'
                  ELSE 'approved' END AS status) s`,
        );
      });
    });
    progress(`  applications ${to.toLocaleString("en")} / ${CASES.toLocaleString("en")} (${Math.round(ms)} ms for this batch)`);
  }
  progress(`building ${secondary.length} indexes again…`);
  for (const index of secondary) await db.execute(sql.raw(index.definition));
  progress("VACUUM ANALYZE (as autovacuum would after a bulk load)…");
  await db.execute(sql`VACUUM ANALYZE drafts`);
  await db.execute(sql`VACUUM ANALYZE applications`);
  await db.execute(sql`DROP TABLE bench_procedures`);
  await db.execute(sql`DROP TABLE bench_residents`);
}

/** What GET /staff/cases runs for one department (staff/routes.ts), all at once. */
async function inbox(db: Db, filter: CaseFilter, page: number): Promise<number> {
  const department = filter.departmentCodes![0]!;
  const [, , total, rows] = await Promise.all([
    departmentNames(db, [department]),
    departmentStaff(db, department),
    countCases(db, filter),
    listCases(db, filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  if (rows.length === 0 && total > 0 && page === 1) throw new Error("inbox returned no rows");
  return total;
}

async function benchInbox(db: Db, label: string, filter: CaseFilter, pages: number[]) {
  for (let i = 0; i < 10; i++) await inbox(db, filter, pages[i % pages.length]!);
  const ms: number[] = [];
  let total = 0;
  for (let i = 0; i < INBOX_RUNS; i++) {
    const [elapsed, count] = await timed(() => inbox(db, filter, pages[i % pages.length]!));
    ms.push(elapsed);
    total = count;
  }
  const figures = { ...summary(ms), cases: total };
  progress(`  inbox ${label}: ${JSON.stringify(figures)}`);
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Publishing a 40-question form

function fortyQuestionForm(revision: number): FormDefinition {
  const L = (ja: string, en: string) => ({ ja, en });
  const choice = [
    { value: "a", label: L("はい", "Yes") },
    { value: "b", label: L("いいえ", "No") },
    { value: "c", label: L("わからない", "Not sure") },
  ];
  const kinds: Array<(id: string, n: number) => QuestionDef> = [
    (id, n) => ({ id, type: "text", label: L(`項目${n}`, `Item ${n}`), maxLength: 100 }),
    (id, n) => ({ id, type: "textarea", label: L(`詳しい内容${n}`, `Details ${n}`), maxLength: 1000, required: false }),
    (id, n) => ({ id, type: "date", label: L(`日付${n}`, `Date ${n}`), maxDate: "today" }),
    (id, n) => ({ id, type: "number", label: L(`数量${n}`, `Quantity ${n}`), min: 0, max: 1000 }),
    (id, n) => ({ id, type: "single", label: L(`質問${n}`, `Question ${n}`), options: choice }),
    (id, n) => ({ id, type: "multiple", label: L(`選択${n}`, `Choices ${n}`), options: choice, required: false }),
    (id, n) => ({ id, type: "select", label: L(`区分${n}`, `Category ${n}`), options: choice }),
    (id, n) => ({ id, type: "phone", label: L(`電話番号${n}`, `Phone ${n}`) }),
  ];
  const pages = Array.from({ length: 8 }, (_, p) => ({
    id: `page_${p + 1}`,
    title: L(`${p + 1}ページ目（第${revision}版）`, `Page ${p + 1} (revision ${revision})`),
    questions: Array.from({ length: 5 }, (_, q) => {
      const n = p * 5 + q + 1;
      if (n === 1) return { id: "q1", type: "name", label: L("氏名", "Full name") } as QuestionDef;
      if (n === 2) return { id: "q2", type: "address", label: L("住所", "Address") } as QuestionDef;
      if (n === 3) return { id: "q3", type: "email", label: L("メールアドレス", "Email"), required: false } as QuestionDef;
      if (n === 40) return { id: "q40", type: "declaration", label: L("記入した内容に誤りはありません。", "The information is correct.") } as QuestionDef;
      return kinds[n % kinds.length]!(`q${n}`, n);
    }),
  }));
  return { pages };
}

async function benchPublish(db: Db) {
  const [staff] = await queryRows<{ id: string; email: string }>(db, sql`SELECT u.id, u.email FROM users u JOIN staff_roles r ON r.user_id = u.id WHERE r.department_code = 'welfare' ORDER BY u.email LIMIT 1`);
  if (!staff) throw new Error("no welfare staff in the demo data");
  const actor: Actor = { id: staff.id, kind: "staff", email: staff.email, displayName: "bench", roles: [{ departmentCode: "welfare", role: "manager" }], sessionTokenHash: "" };
  const { procedureId } = await createProcedure({
    db,
    actor,
    departmentCode: "welfare",
    slug: "bench-forty-questions",
    title: { ja: "ベンチマーク用の手続き（40問）", en: "Benchmark procedure (40 questions)" },
    reading: "べんちまーくようのてつづき",
    summary: { ja: "ベンチマーク用です（デモ）。", en: "For the benchmark (demo)." },
    categoryCode: "welfare",
    whoCanApply: { ja: "どなたでも", en: "Anyone" },
    processingTime: { ja: "即日", en: "Same day" },
  });
  const ms: number[] = [];
  for (let i = 0; i < PUBLISH_RUNS + 3; i++) {
    const [elapsed] = await timed(() => publishDefinitionForBench(db, { procedureId, definition: fortyQuestionForm(i + 1) }));
    if (i >= 3) ms.push(elapsed);
  }
  return summary(ms);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const pglite = await pgliteSeed();

  const database = await createTestDatabase();
  try {
    const db = database.db;
    progress("PostgreSQL: seeding the demo catalogue (no demo cases)…");
    const [seedMs, seeded] = await timed(() => seedDemo(db, { cases: false }));
    progress(`  ${seeded.procedures} procedures in ${Math.round(seedMs)} ms`);

    progress(`catalogue search: ${SEARCH_RUNS} searches over ${seeded.procedures} procedures…`);
    const search = await benchSearch(db);
    progress(`  ${JSON.stringify(search)}`);

    progress("publishing a 40-question form (builder publish)…");
    const publish = await benchPublish(db);
    progress(`  ${JSON.stringify(publish)}`);

    const [generateMs] = await timed(() => generateCases(db));
    const cases = await scalar(db, sql`SELECT count(*)::int AS n FROM applications`);
    const [busiest] = await queryRows<{ code: string; n: number }>(db, sql`SELECT department_code AS code, count(*)::int AS n FROM applications GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    progress(`${cases.toLocaleString("en")} applications in ${Math.round(generateMs / 1000)} s; busiest department ${busiest!.code} (${busiest!.n.toLocaleString("en")})`);

    progress(`staff inbox (${INBOX_RUNS} page loads each)…`);
    const inboxBusiest = await benchInbox(db, `${busiest!.code}, all statuses`, { departmentCodes: [busiest!.code] }, [1, 1, 1, 2, 3]);
    const inboxBusiestReceived = await benchInbox(db, `${busiest!.code}, received`, { departmentCodes: [busiest!.code], status: "received" }, [1, 1, 2]);
    const inboxWard = await benchInbox(db, "ward-kita, all statuses", { departmentCodes: ["ward-kita"] }, [1, 1, 1, 2, 3]);
    const inboxDeep = await benchInbox(db, `${busiest!.code}, page 40`, { departmentCodes: [busiest!.code] }, [40]);
    const inboxAll = [inboxBusiest, inboxBusiestReceived, inboxWard];

    report("builder", {
      procedures: seeded.procedures,
      cases,
      catalogueSearchP50Ms: search.p50,
      catalogueSearchP95Ms: search.p95,
      catalogueSearchAimMs: 30,
      inboxP50Ms: inboxBusiest.p50,
      inboxP95Ms: Math.max(...inboxAll.map((f) => f.p95)),
      inboxAimMs: 150,
      inboxBusiestDepartment: busiest!.code,
      inboxBusiestDepartmentCases: busiest!.n,
      inboxBusiestP95Ms: inboxBusiest.p95,
      inboxBusiestReceivedP95Ms: inboxBusiestReceived.p95,
      inboxWardP95Ms: inboxWard.p95,
      inboxPage40P95Ms: inboxDeep.p95,
      publish40QuestionsP50Ms: publish.p50,
      publish40QuestionsP95Ms: publish.p95,
      publishAimMs: 500,
      publishVia: "builder publishDefinitionForBench",
      seedCataloguePostgresMs: round(seedMs, 0),
      seedGeneratedPgliteMs: pglite?.generatedMs ?? null,
      seedCataloguePgliteMs: pglite?.totalMs ?? null,
      generateCasesS: round(generateMs / 1000, 1),
      totalS: round((performance.now() - started) / 1000, 1),
    });
  } finally {
    if (process.env.BUILDER_BENCH_KEEP === "1") {
      progress(`kept the database for inspection: ${database.url}`);
      await database.close();
    } else {
      await database.drop();
    }
  }
}

await main();
