#!/usr/bin/env bash
# Runs the app on workerd (wrangler dev) with a local D1 database, migrated and seeded with the reference catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
PORT="${PORT:-8788}"
if [ ! -f .dev.vars ]; then
  echo "MASTER_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" > .dev.vars
fi
npx wrangler d1 migrations apply care-passport --local >/dev/null
npx tsx scripts/seed-sql.ts > .wrangler/seed-reference.sql
npx wrangler d1 execute care-passport --local --file .wrangler/seed-reference.sql >/dev/null
exec npx wrangler dev --port "$PORT" --ip 127.0.0.1 --var "PUBLIC_ORIGIN:http://localhost:$PORT" "$@"
