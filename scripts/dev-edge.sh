#!/usr/bin/env bash
# Runs the app on workerd (wrangler dev) with a local D1 database: migrated, seeded with the reference catalogue,
# and (first time, unless SEED_DEMO=false) the same demo `npm start` shows.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
PORT="${PORT:-8788}"
mkdir -p .wrangler
if [ ! -f .dev.vars ]; then
  echo "MASTER_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" > .dev.vars
fi
npx wrangler d1 migrations apply care-passport --local >/dev/null
set -a; . ./.dev.vars; set +a
demo=""
if [ "${SEED_DEMO:-true}" != "false" ]; then
  users=$(npx wrangler d1 execute care-passport --local --json --command "SELECT count(*) AS n FROM users" 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s)[0].results[0].n)}catch{console.log(1)}})')
  [ "$users" = "0" ] && demo="--demo"
fi
PUBLIC_ORIGIN="http://localhost:$PORT" npx tsx scripts/seed-sql.ts $demo > .wrangler/seed.sql
npx wrangler d1 execute care-passport --local --file .wrangler/seed.sql >/dev/null
[ -n "$demo" ] && echo "Demo seeded: sign in as amira@worker.demo (and others, see README) with password demo-passport-2026"
exec npx wrangler dev --port "$PORT" --ip 127.0.0.1 --var "PUBLIC_ORIGIN:http://localhost:$PORT" "$@"
