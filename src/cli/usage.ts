export const USAGE = `Usage: machi <command> [options]

Commands:
  migrate                         apply pending database migrations
  seed-demo                       load the Japanese demo data (departments, catalogue, demo users)
  user create --kind resident|staff --email E --password P --family 姓 --given 名
              [--family-kana セイ --given-kana メイ] [--department CODE --role clerk|manager]
                                  create a user (staff need --department)
  audit verify                    check the hash chain of the audit log (exit 0 intact, 1 broken)
  export applications [--department CODE] [--out FILE]
                                  cases as CSV (UTF-8 with BOM, opens in Excel)
  export procedures [--out FILE]  the same as procedures export --all
  procedures export (--all | --slug S) [--out FILE]
                                  procedures as JSON documents, one per line (schemas/procedure.schema.json)
  procedures import FILE [--dry-run]
                                  JSON Lines of procedure documents or the catalogue CSV; all or nothing
  disaster jma-parse FILE         summarise a JMA 防災情報XML message as JSON
  disaster cap-validate FILE      validate a CAP 1.2 alert (exit 0 valid, 1 invalid)
  signatures verify --signature FILE [--content FILE] --trust CA.pem [--crl FILE]
                                  verify a CMS signature; prints JSON (exit 0 valid, 1 invalid)
  payments reconcile --date YYYY-MM-DD [--out FILE]
                                  the day's payments against the providers' records as CSV
                                  (UTF-8 with BOM, mismatch column; exit 0 all match, 1 mismatches)
  documents issue-sample --out FILE.pdf
                                  write a sealed sample 住民票の写し (configured or demo seal)

Environment: DATABASE_URL (PostgreSQL; unset = embedded database in ./data), DATA_DIR.
Exit codes: 0 success, 1 failure, 2 bad usage.
`;

export class UsageError extends Error {}
