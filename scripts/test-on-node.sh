#!/usr/bin/env bash
# Runs every suite but the browser and lab ones (unit, API, import, CLI, probes and discovery on loopback, storage
# on SQLite and, with MAMORI_TEST_DATABASE_URL, PostgreSQL) on another Node.js major: `scripts/test-on-node.sh 22`.
#
# The Node binary comes from the npm registry's node-<platform>-<arch> package (the official build with its
# headers), so nothing is downloaded from anywhere else. better-sqlite3 is a native addon built for one Node ABI,
# so the checkout is copied (without node_modules and dist) and installed afresh with that Node, exactly as a
# hospital on that version would install it. The browser and lab suites stay on the machine's Node (.ci/run).
set -euo pipefail
MAJOR=${1:?usage: scripts/test-on-node.sh MAJOR [SHARD] (e.g. 22, or 22 1/2 for half the test files)}
# Optional vitest shard (1/2, 2/2): .ci/run splits the suites between the Node 22 and 24 lines to stay well under
# 30 minutes; run without it for every suite on one line.
SHARD=${2:-}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${MAMORI_NODE_WORK:-/tmp/mamori-node-$MAJOR}
PKG="node-$(node -p 'process.platform')-$(node -p 'process.arch')"

rm -rf "$WORK"
mkdir -p "$WORK/runtime" "$WORK/repo"
echo "== Node $MAJOR: $PKG@$MAJOR from the npm registry"
npm install --prefix "$WORK/runtime" --no-save --no-audit --no-fund --loglevel=error "$PKG@$MAJOR" >/dev/null
NODE_HOME="$WORK/runtime/node_modules/$PKG"
[ -x "$NODE_HOME/bin/node" ] || { echo "no node binary in $NODE_HOME" >&2; exit 1; }

# The working tree as it is (tracked and new files, not ignored ones), so a local run tests uncommitted changes too.
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$WORK/repo"

cd "$WORK/repo"
export PATH="$NODE_HOME/bin:$PATH"
# Build native addons against this Node's own headers (shipped in the package), not the machine's.
export npm_config_nodedir="$NODE_HOME"
echo "== Node $(node --version): npm ci (builds better-sqlite3 for this Node)"
npm ci --no-audit --no-fund --loglevel=error
echo "== Node $(node --version): unit, API, import, CLI and storage suites"
# One worker: .ci/run runs two Node lines side by side on the same machine. The long end-to-end CLI suites (each
# spawns `mamori` dozens of times: first start, CLI imports, jobs, catalog, disclosures) run on the machine's Node
# only (and issue 10's: risk, actions, checklist, benchmark, report; issue 11's: procurement, acceptance,
# decommission, lifecycle, bcp, bcp plans; issue 12's capture); on this line the CLI is still run as a process
# by test/cli/cli.test.ts, fail, backup and private-files, and
# every command's code runs in-process through the API suites.
node node_modules/vitest/vitest.mjs run --maxWorkers=1 ${SHARD:+--shard="$SHARD"} --exclude 'test/lab/**' --exclude 'test/e2e/**' \
  --exclude 'test/cli/first-start.test.ts' --exclude 'test/jobs/jobs-cli.test.ts' \
  --exclude 'test/import/cli-import.test.ts' --exclude 'test/import/hospital-ledger-cli.test.ts' \
  --exclude 'test/catalog/catalog-cli.test.ts' --exclude 'test/cli/disclosures-cli.test.ts' \
  --exclude 'test/cli/vulns-cli.test.ts' --exclude 'test/risk/risk-cli.test.ts' \
  --exclude 'test/actions/actions-cli.test.ts' --exclude 'test/checklist/checklist-cli.test.ts' \
  --exclude 'test/cli/benchmark-cli.test.ts' --exclude 'test/reports/cli.test.ts' \
  --exclude 'test/procurement/procurement-cli.test.ts' --exclude 'test/acceptance/acceptance-cli.test.ts' \
  --exclude 'test/acceptance/decommission-cli.test.ts' --exclude 'test/operations/lifecycle-cli.test.ts' \
  --exclude 'test/bcp/bcp-cli.test.ts' --exclude 'test/bcp-plans/plans-cli.test.ts' \
  --exclude 'test/capture/capture-cli.test.ts'
rm -rf "$WORK"
