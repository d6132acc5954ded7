#!/usr/bin/env bash
# Browser tests: `cchc serve --demo` on a throwaway SQLite database, driven by playwright-core
# with Debian's chromium (node's built-in test runner). Screenshots go to tests/e2e/artifacts/.
# Installs chromium (apt) and the npm packages when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
    echo "e2e: installing chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cd "$here"
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
else
    npm install --no-audit --no-fund --loglevel=error
fi

cd "$root"
# CCHC_BIN: an already built `cchc` binary (skips the release build).
bin="${CCHC_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release -p cchc
    bin="${CARGO_TARGET_DIR:-$root/target}/release/cchc"
fi
tmp="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
url="http://127.0.0.1:$port"
# The binary `cargo run --release -p cchc -- serve …` would run, started directly so that the
# server itself receives the stop signal.
"$bin" serve --demo --db "sqlite:$tmp/e2e.db" --bind "127.0.0.1:$port" \
    >"$tmp/server.log" 2>&1 &
server=$!
stop() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$tmp"
}
trap stop EXIT

ready=""
for _ in $(seq 1 360); do
    if node -e "fetch('$url/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
        ready=yes
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then break; fi
    sleep 0.5
done
if [ -z "$ready" ]; then
    echo "e2e: the server did not become healthy; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
fi

cd "$here"
mkdir -p artifacts
CCHC_E2E_URL="$url" node --test tests/
