# Shared by bench/run, bench/sustained and bench/profile: a fresh database, the packaged server
# on it over TLS, the seed data through the public API, samples of the server's process, and the
# clean-up. Sourced, not run.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
JAR=${BENCH_JAR:-$(ls "$ROOT"/server/target/btob-server-*.jar 2>/dev/null | grep -v -- '-plain' | head -1)}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g}
INVOICES=${BENCH_INVOICES:-300}
PASSWORD='Demo#2026pass'
# Every rate limit stays on, in Redis as in production, but far above what one load generator
# sends from one address: the benchmark measures the limiter's cost, not its refusals.
UNLIMITED=${BENCH_RATE_LIMIT:-1000000000/1m}

STAMP=$(date -u +%Y%m%d%H%M%S)_$$
DB=bench_$STAMP
WORK=$(mktemp -d "${TMPDIR:-/tmp}/btob-bench.XXXXXX")
SERVER_PID=
SAMPLER_PID=
# Load generators running in the background, stopped by the clean-up.
LOAD_PIDS=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

die() { log "error: $*"; exit 1; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt -c "$1"; }

cleanup() {
    local status=$?
    set +e
    stop_sampler
    local pid
    for pid in ${LOAD_PIDS:-}; do
        kill "$pid" 2>/dev/null
    done
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" && { wait "$SERVER_PID" 2>/dev/null || true; }
    fi
    psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || log "could not drop database $DB"
    redis-cli -u "$REDIS_URL" --scan --pattern "btob:bench:$STAMP:*" 2>/dev/null \
        | xargs -r -n 500 redis-cli -u "$REDIS_URL" DEL >/dev/null 2>&1
    if [[ -n ${BENCH_KEEP:-} ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}

# start_server [spring profiles] [extra java options]: the packaged jar on a fresh database over
# TLS, on free ports, with every filter on; sets BASE, MGMT, CA and SERVER_PID.
start_server() {
    local profiles=${1:-} extra=${2:-}
    [[ -f $JAR ]] || die "no server jar: build it with ./mvnw -B -o -q -DskipTests install"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    psql_admin "CREATE DATABASE $DB" || die "cannot create database $DB on $PG_HOST:$PG_PORT"
    local port mport
    port=$(free_port)
    mport=$(free_port)
    BASE=https://localhost:$port
    TARGET=https://127.0.0.1:$port
    MGMT=https://localhost:$mport
    CA=$WORK/data/tls/localhost.crt
    log "server on $BASE (management $MGMT), database $DB, work dir $WORK"
    # shellcheck disable=SC2086
    env BTOB_PORT="$port" BTOB_MANAGEMENT_PORT="$mport" BTOB_DATA_DIR="$WORK/data" \
        BTOB_DB_HOST="$PG_HOST" BTOB_DB_PORT="$PG_PORT" BTOB_DB_NAME="$DB" BTOB_DB_USERNAME="$PG_USER" \
        BTOB_DEMO_SEED=true BTOB_REDIS_URL="$REDIS_URL" BTOB_RATE_LIMIT_KEY_PREFIX="btob:bench:$STAMP:" \
        BTOB_RATE_LIMIT_AUTH_ADDRESS="$UNLIMITED" \
        BTOB_RATE_LIMIT_READ_ADDRESS="$UNLIMITED" BTOB_RATE_LIMIT_READ_CALLER="$UNLIMITED" \
        BTOB_RATE_LIMIT_READ_COMPANY="$UNLIMITED" BTOB_RATE_LIMIT_WRITE_ADDRESS="$UNLIMITED" \
        BTOB_RATE_LIMIT_WRITE_CALLER="$UNLIMITED" BTOB_RATE_LIMIT_WRITE_COMPANY="$UNLIMITED" \
        SPRING_PROFILES_ACTIVE="$profiles" \
        java $JAVA_OPTS $extra -jar "$JAR" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 1 240); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$WORK/server.log" >&2; die "the server stopped"; }
        if [[ -f $CA ]] && curl -sf --cacert "$CA" -o /dev/null "$BASE/readyz"; then
            log "server ready after ${i}s (pid $SERVER_PID)"
            return
        fi
        sleep 1
    done
    die "the server was not ready in 240 s"
}

api() { # api METHOD PATH [curl options...]: answers the body, fails on a status >= 400
    local method=$1 path=$2
    shift 2
    curl -sS --fail-with-body --cacert "$CA" -X "$method" "$BASE$path" "$@"
}

login() { api POST /api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"loginId\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -er .token; }

# seed: the demo seller issues $INVOICES invoices to the demo buyer; each side gets an API client;
# sets SELLER_TOKEN, BUYER_TOKEN, SELLER_ID, BUYER_ID, SELLER_SECRET, BUYER_SECRET, INVOICE_ID.
seed() {
    SELLER_TOKEN=$(login seller-admin)
    BUYER_TOKEN=$(login buyer-admin)
    SELLER_ID=$(api GET /api/v1/me -H "Authorization: Bearer $SELLER_TOKEN" | jq -er .company.companyId)
    BUYER_ID=$(api GET /api/v1/me -H "Authorization: Bearer $BUYER_TOKEN" | jq -er .company.companyId)
    # The demo seller is seeded as a registered issuer: it invoices without saving settings first.
    api GET /api/v1/company/invoicing -H "Authorization: Bearer $SELLER_TOKEN" | jq -e .registrationNumber >/dev/null \
        || die "the demo seller has no registration number; is the demo data seeded?"
    SELLER_SECRET=$(api POST /api/v1/admin/api-clients -H "Authorization: Bearer $SELLER_TOKEN" \
        -H 'Content-Type: application/json' -d '{"name":"bench seller","scopes":["invoice:read"]}' | jq -er .secret)
    BUYER_SECRET=$(api POST /api/v1/admin/api-clients -H "Authorization: Bearer $BUYER_TOKEN" \
        -H 'Content-Type: application/json' -d '{"name":"bench buyer","scopes":["order:place","order:read"]}' | jq -er .secret)
    log "issuing $INVOICES invoices"
    export -f api
    export BASE CA SELLER_TOKEN BUYER_ID
    seq 1 "$INVOICES" | xargs -P 4 -I{} bash -c 'api POST /api/v1/invoices \
        -H "Authorization: Bearer $SELLER_TOKEN" -H "Content-Type: application/json" -H "Idempotency-Key: seed-{}" \
        -d "{\"buyerId\":\"$BUYER_ID\",\"lines\":[{\"description\":\"部品 {}\",\"quantity\":\"$(( {} % 7 + 1 ))\",\"unit\":\"個\",\"unitPrice\":\"$(( {} * 37 % 5000 + 100 ))\",\"taxCategory\":\"standard-10\"}]}" \
        -o /dev/null' || die "seeding the invoices failed"
    INVOICE_ID=$(api GET "/api/v1/invoices?role=sent&limit=1" -H "Authorization: Bearer $SELLER_TOKEN" | jq -er '.items[0].id')
    log "seeded: seller $SELLER_ID, buyer $BUYER_ID, invoice $INVOICE_ID"
}

# (b)'s page: 50 of the invoices sent to the buyer, issued around today, totalling 500 yen or more.
list_path() {
    echo "/api/v1/invoices?role=sent&partnerId=$BUYER_ID&issuedFrom=$(date -u -d '-1 day' +%F)&issuedTo=$(date -u -d '+1 day' +%F)&minTotal=500&maxTotal=100000000&limit=50"
}

# The server's CPU time in clock ticks (user + system), from /proc.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }

# start_sampler: the server's RSS every second into $WORK/rss, until stop_sampler.
start_sampler() {
    RSS_FILE=$WORK/rss.$BASHPID
    : >"$RSS_FILE"
    ( while kill -0 "$SERVER_PID" 2>/dev/null; do rss_kib >>"$RSS_FILE"; sleep 1; done ) &
    SAMPLER_PID=$!
    CPU_START=$(cpu_ticks)
    TIME_START=$(date +%s.%N)
}

# stop_sampler: sets CPU_PCT (of one core; 200 is both cores) and RSS_MIB (the highest sample).
stop_sampler() {
    [[ -n $SAMPLER_PID ]] || return 0
    kill "$SAMPLER_PID" 2>/dev/null
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=
    local ticks hz
    ticks=$(( $(cpu_ticks) - CPU_START ))
    hz=$(getconf CLK_TCK)
    CPU_PCT=$(awk -v t="$ticks" -v hz="$hz" -v s="$TIME_START" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", 100 * t / hz / (e - s)}')
    RSS_MIB=$(sort -n "$RSS_FILE" | tail -1 | awk '{printf "%.0f", $1 / 1024}')
}
