#!/usr/bin/env bash
# Deploys to Cloudflare Workers + D1. Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and a D1 database id in wrangler.toml.
# Steps (see README "Deploy to Cloudflare"):
#   1. npx wrangler d1 create care-passport            -> put database_id in wrangler.toml
#   2. npx wrangler secret put MASTER_KEY              -> 32+ random bytes, base64url; keep a copy offline
#   3. set PUBLIC_ORIGIN / ENVIRONMENT=production in wrangler.toml [vars] (or --var)
#   4. npm run deploy                                  -> this script
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -q '00000000-0000-0000-0000-000000000000' wrangler.toml; then
  echo "wrangler.toml still has the placeholder D1 database_id. Run: npx wrangler d1 create care-passport, and paste its id." >&2
  exit 1
fi
npx wrangler d1 migrations apply care-passport --remote
npx tsx scripts/seed-sql.ts > .wrangler/seed-reference.sql
npx wrangler d1 execute care-passport --remote --file .wrangler/seed-reference.sql
npx wrangler deploy
