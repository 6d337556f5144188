#!/usr/bin/env bash
# Runs docs/walkthrough.md end to end with curl, checking every answer.
#
#   scripts/walkthrough.sh           against a running demo server (`npm start`):
#                                    KINDLING_URL (default http://localhost:8080) and the tokens it
#                                    wrote, KINDLING_TOKENS (default data/demo-tokens.json)
#   scripts/walkthrough.sh --fresh   starts its own demo server on a new temporary database
#                                    (node dist/src/cli/main.js serve --demo on PORT, default 8090;
#                                    builds first when dist/ is missing), runs, and stops it
#
# Ids get a suffix (SUFFIX, random by default) so that the walkthrough can run again on the same
# server. Needs bash, curl and node. Exits non-zero at the first answer that is not as documented.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FRESH=0
for arg in "$@"; do
  case $arg in
    --fresh) FRESH=1 ;;
    -h | --help)
      sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "unknown argument: $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

SERVER_PID=
WORK_DIR=
cleanup() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n $WORK_DIR ]]; then rm -rf "$WORK_DIR"; fi
}
trap cleanup EXIT

if [[ $FRESH == 1 ]]; then
  if [[ ! -f $ROOT/dist/src/cli/main.js || ! -f $ROOT/dist/web/index.html ]]; then
    (cd "$ROOT" && npm run build >/dev/null)
  fi
  WORK_DIR=$(mktemp -d)
  PORT=${PORT:-8090}
  BASE=http://localhost:$PORT
  TOKENS=$WORK_DIR/demo-tokens.json
  (cd "$ROOT" && KINDLING_DB_URL="sqlite:$WORK_DIR/kindling.db" PORT=$PORT KINDLING_LOG_PRETTY=0 \
    exec node dist/src/cli/main.js serve --demo >"$WORK_DIR/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if [[ -f $TOKENS ]] && curl -sf "$BASE/health" >/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$WORK_DIR/server.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "Started a demo server on $BASE (database in $WORK_DIR)"
else
  BASE=${KINDLING_URL:-http://localhost:8080}
  TOKENS=${KINDLING_TOKENS:-$ROOT/data/demo-tokens.json}
  if [[ ! -f $TOKENS ]]; then
    echo "$TOKENS is missing: start the demo with npm start (or run with --fresh)" >&2
    exit 1
  fi
fi

SUFFIX=${SUFFIX:-$(node -e 'console.log(require("node:crypto").randomBytes(3).toString("hex"))')}

# ------------------------------------------------------------------------------------------- helpers

BODY=
STATUS=

# js EXPR [JSON]: evaluates EXPR with r = the parsed JSON (default: the last response body).
js() {
  local json=${2-$BODY}
  node -e '
    const r = JSON.parse(process.argv[2]);
    const v = new Function("r", `return (${process.argv[1]});`)(r);
    process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
  ' "$1" "$json"
}

# call METHOD PATH TOKEN [BODY]: prints the request as a curl command, then the response status.
call() {
  local method=$1 path=$2 token=$3 body=${4-}
  local args=(-sS -X "$method" "$BASE$path" -H "Authorization: Bearer $token" -w $'\n%{http_code}')
  if [[ -n $body ]]; then args+=(-H 'Content-Type: application/json' -d "$body"); fi
  local out
  out=$(curl "${args[@]}")
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
  local shown=
  if [[ -n $body ]]; then shown=" -d '$(js 'JSON.stringify(r)' "$body")'"; fi
  echo "  \$ curl -X $method $path$shown"
  echo "  → $STATUS"
}

# show EXPR: prints the part of the response a reader wants to see.
show() { echo "    $(js "$1")"; }

# expect EXPR MESSAGE: stops the walkthrough unless EXPR is true of the response.
expect() {
  if [[ $(js "Boolean($1)") != true ]]; then
    echo "FAILED: $2" >&2
    echo "response ($STATUS): $BODY" >&2
    exit 1
  fi
}

step() { printf '\n%s\n' "$1"; }

token_of() { js "$1" "$(cat "$TOKENS")"; }

PLATFORM=$(token_of 'r.platform')
ACME=$(token_of 'r.advertisers.find((a) => a.ad_account_name === "Acme Shoes" && a.role === "ADMIN").token')
ACCOUNT=$(token_of 'r.advertisers.find((a) => a.ad_account_name === "Acme Shoes").ad_account_id')
CREATOR=lena-$SUFFIX
POST=lena-5k-$SUFFIX
PAGE='"page":{"start_position":0,"organic_post_ids":["ana-legday","leo-crepes","mia-serum","ana-shoes","leo-ramen","mia-spf"]}'
RUNNER='"country":"FR","language":"fr","age_group":"AGE_25_34","os":"IOS","interests":["fitness.running"]'

echo "Kindling walkthrough on $BASE (ids end in -$SUFFIX)"

# ------------------------------------------------------------------------------------------- the flow

step "1. The platform syncs a creator and a post"
call PUT "/v1/platform/creators/$CREATOR" "$PLATFORM" \
  "{\"handle\":\"lena.runs.$SUFFIX\",\"display_name\":\"Lena Runs\",\"follower_count\":48200}"
expect "r.id === '$CREATOR'" "the creator is synced"
call PUT "/v1/platform/posts/$POST" "$PLATFORM" "{\"creator_id\":\"$CREATOR\",
  \"caption\":\"My first 5K in 25 minutes: the shoes that got me there. Shop them: link in bio\",
  \"media_url\":\"https://cdn.example/lena-5k.mp4\",\"duration_seconds\":38,\"hashtags\":[\"running\",\"5k\"],
  \"visibility\":\"PUBLIC\",\"published_at\":\"2026-11-20T18:00:00Z\",
  \"organic\":{\"views\":91000,\"likes\":7400,\"comments\":310,\"shares\":220,\"follows\":180}}"
expect "r.id === '$POST' && r.visibility === 'PUBLIC'" "the post is synced"
show '{ organic: r.organic, paid: r.paid }'
LIKES_BEFORE=$(js 'r.total.likes')
call POST "/v1/platform/creators/$CREATOR/tokens" "$PLATFORM" '{}'
expect "r.token.startsWith('kdc_')" "the platform issues the creator a token"
LENA=$(js 'r.token')

step "2. The creator authorizes the post and gets the code"
call POST "/v1/creator/posts/$POST/authorizations" "$LENA" '{"duration_days":30,"note":"For Acme Shoes"}'
expect "r.status === 'AUTHORIZED' && /^#KD-[0-9A-Z]{32}$/.test(r.auth_code)" "a code is issued"
show '{ id: r.id, status: r.status, auth_end_time: r.auth_end_time, auth_code: r.auth_code }'
AUTHORIZATION=$(js 'r.id')
CODE=$(js 'r.auth_code')

step "3. The brand admin redeems it, creates a campaign, an ad group and an ad"
call POST "/v1/ad-accounts/$ACCOUNT/spark-posts" "$ACME" "{\"auth_code\":\"$CODE\"}"
expect "r.authorization.status === 'BOUND' && r.post.id === '$POST'" "the code binds the post to Acme Shoes"
show '{ id: r.id, post: r.post.id, authorization: r.authorization }'
call POST "/v1/ad-accounts/$ACCOUNT/campaigns" "$ACME" \
  '{"campaign_name":"Winter 5K","objective_type":"REACH","budget_mode":"BUDGET_MODE_INFINITE"}'
expect "r.id.startsWith('cmp_')" "the campaign is created"
CAMPAIGN=$(js 'r.id')
call POST "/v1/ad-accounts/$ACCOUNT/ad-groups" "$ACME" "{\"campaign_id\":\"$CAMPAIGN\",
  \"adgroup_name\":\"FR 18-34 runners\",\"placements\":[\"IN_FEED\"],\"schedule_type\":\"SCHEDULE_FROM_NOW\",
  \"targeting\":{\"countries\":[\"FR\"],\"age_groups\":[\"AGE_18_24\",\"AGE_25_34\"],\"interest_category_ids\":[\"fitness\"]},
  \"budget_mode\":\"BUDGET_MODE_DAY\",\"budget\":\"40.00\",\"pacing\":\"PACING_MODE_FAST\",
  \"billing_event\":\"CPM\",\"optimization_goal\":\"REACH\",\"bid_price\":\"6.00\",
  \"frequency\":2,\"frequency_schedule\":3}"
expect "r.id.startsWith('adg_') && r.pacing === 'PACING_MODE_FAST'" "the ad group is created"
ADGROUP=$(js 'r.id')
call POST "/v1/ad-accounts/$ACCOUNT/ads" "$ACME" "{\"ad_group_id\":\"$ADGROUP\",\"post_id\":\"$POST\",
  \"ad_name\":\"Lena 5K\",\"call_to_action\":\"SHOP_NOW\",\"landing_page_url\":\"https://acme.example/shoes\"}"
expect "r.review_status === 'APPROVED' && r.delivery_status === 'DELIVERING'" "the ad is approved and delivering"
show '{ id: r.id, review_status: r.review_status, delivery_status: r.delivery_status }'
AD=$(js 'r.id')

step "4. The platform asks for a feed decision: a matching viewer gets the ad, another does not"
call POST /v1/feed/decisions "$PLATFORM" "{\"viewer\":{\"id\":\"viewer-claire-$SUFFIX\",$RUNNER},$PAGE}"
if [[ $(js "r.ads.some((a) => a.ad_id === '$AD')") != true ]]; then
  # Say why before failing: another ad of the server may have won the only slot.
  call POST /v1/feed/decisions "$PLATFORM" \
    "{\"viewer\":{\"id\":\"viewer-claire-$SUFFIX\",$RUNNER},$PAGE,\"explain\":{\"ad_group_ids\":[\"$ADGROUP\"]},\"dry_run\":true}"
  show 'r.explain'
  expect false "the matching viewer gets the ad (another ad may have won: try --fresh)"
fi
show 'r.ads.map((a) => ({ slot: a.slot, ad_id: a.ad_id, advertiser: a.advertiser.name, post: a.post.id, landing_page_url: a.landing_page_url }))'
TRACKING=$(js "r.ads.find((a) => a.ad_id === '$AD').tracking_token")
call POST /v1/feed/decisions "$PLATFORM" \
  "{\"viewer\":{\"id\":\"viewer-jonas-$SUFFIX\",\"country\":\"DE\",\"language\":\"de\",\"age_group\":\"AGE_25_34\",\"os\":\"ANDROID\",\"interests\":[\"fitness.running\"]},$PAGE,\"explain\":{\"ad_group_ids\":[\"$ADGROUP\"]}}"
expect "r.ads.length === 0 && r.explain.ad_groups[0].reason === 'TARGETING_MISMATCH'" \
  "the viewer in Germany gets no ad, and explain says why"
show 'r.explain.ad_groups.map((e) => ({ adgroup_name: e.adgroup_name, outcome: e.outcome, reason: e.reason, detail: e.detail }))'
call POST /v1/feed/decisions "$PLATFORM" \
  "{\"viewer\":{\"id\":\"viewer-claire-$SUFFIX\",$RUNNER},$PAGE,\"explain\":{\"ad_group_ids\":[\"$ADGROUP\"]},\"dry_run\":true}"
expect "r.dry_run === true && r.ads.every((a) => a.tracking_token === null)" \
  "a dry run explains without issuing tokens"
show 'r.explain.ad_groups.map((e) => ({ outcome: e.outcome, reason: e.reason, ad_name: e.ad_name, bid: e.bid, price: e.price, charge_micros: e.charge_micros }))'

step "5. The platform reports an impression and a like"
call POST /v1/events "$PLATFORM" "{\"events\":[
  {\"client_event_id\":\"claire-imp-$SUFFIX\",\"tracking_token\":\"$TRACKING\",\"type\":\"impression\",\"viewer_id\":\"viewer-claire-$SUFFIX\"},
  {\"client_event_id\":\"claire-like-$SUFFIX\",\"tracking_token\":\"$TRACKING\",\"type\":\"like\",\"viewer_id\":\"viewer-claire-$SUFFIX\"}]}"
expect "r.summary.accepted === 2" "both events are accepted"
show 'r.summary'

step "6. The post's counters include the paid like"
call GET "/v1/platform/posts/$POST" "$PLATFORM"
expect "r.paid.likes === 1 && r.total.likes === $LIKES_BEFORE + 1" "the like counts on the original post"
show '{ organic: { likes: r.organic.likes }, paid: { likes: r.paid.likes }, total: { likes: r.total.likes } }'

step "7. The brand's report shows them"
QUERY=$(node -e 'console.log(new URLSearchParams({
  data_level: "AUCTION_AD",
  dimensions: JSON.stringify(["ad_id"]),
  metrics: JSON.stringify(["ad_name", "spend", "impressions", "reach", "cpm", "likes"]),
  filtering: JSON.stringify([{ field_name: "ad_ids", filter_type: "IN", filter_value: JSON.stringify([process.argv[1]]) }]),
  query_lifetime: "true",
}).toString())' "$AD")
for _ in $(seq 1 30); do
  call GET "/v1/ad-accounts/$ACCOUNT/reports?$QUERY" "$ACME"
  if [[ $(js 'r.list.length > 0 && Number(r.list[0].metrics.likes) >= 1') == true ]]; then break; fi
  sleep 0.5 # the rollups trail the events by about a second
done
expect "r.list[0].metrics.impressions === '1' && r.list[0].metrics.likes === '1'" "the report counts them"
show 'r.list[0].metrics'

step "8. The creator sees who uses the authorization, then revokes it"
call GET "/v1/creator/authorizations/$AUTHORIZATION" "$LENA"
expect "r.ad_usage.ad_count === 1 && r.ad_usage.brands[0].name === 'Acme Shoes'" "Acme Shoes' ad uses it"
show '{ status: r.status, ad_account: r.ad_account, ad_usage: r.ad_usage }'
call POST "/v1/creator/authorizations/$AUTHORIZATION/revoke" "$LENA"
expect "r.status === 'REVOKED'" "the authorization is revoked"
show '{ status: r.status, revoked_at: r.revoked_at }'

step "9. The ad is no longer served"
for attempt in 1 2 3 4 5; do
  call POST /v1/feed/decisions "$PLATFORM" \
    "{\"viewer\":{\"id\":\"viewer-hugo-$SUFFIX\",$RUNNER},$PAGE,\"explain\":{\"ad_group_ids\":[\"$ADGROUP\"]}}"
  if [[ $(js "r.ads.some((a) => a.ad_id === '$AD')") == false ]]; then break; fi
  sleep 0.2 # the engine reloads the ad group within milliseconds of the revocation
done
expect "!r.ads.some((a) => a.ad_id === '$AD') && r.explain.ad_groups[0].reason === 'NO_ELIGIBLE_ADS'" \
  "the ad stops at once, and explain says why"
show 'r.explain.ad_groups.map((e) => ({ reason: e.reason, ads: e.ads }))'

printf '\nThe walkthrough ran end to end.\n'
