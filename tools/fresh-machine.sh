#!/usr/bin/env bash
# Proves the README's commands as a new user meets them: a fresh clone of the current commit in a new folder,
# `npm ci`, then `npm test`, with no system browser and no database server in use:
#   - CHROMIUM_PATH=packaged, PATH without any folder of a system Chromium, and (as root, where `unshare` works) a
#     private mount namespace in which /usr/bin/chromium is an empty file, so the browser tests can only pass on
#     the Chromium that `npm ci` installed;
#   - no DATABASE_URL, so the tests run on the embedded PostgreSQL;
#   - no Nx cache from this machine, and a TMPDIR of the run's own.
# It reports GREEN or RED (exit 0 or 1), and keeps the folder on RED (or with --keep) for a look.
#
#   tools/fresh-machine.sh [--keep] [--dir PARENT]
#
# Extra environment is passed on to `npm test` (e.g. RELIABILITY_SIZE=quick for a shorter reliability suite).
set -euo pipefail

KEEP=0
PARENT="${TMPDIR:-/tmp}"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1 ;;
    --dir) PARENT="$2"; shift ;;
    *) echo "Usage: tools/fresh-machine.sh [--keep] [--dir PARENT]" >&2; exit 2 ;;
  esac
  shift
done

SOURCE="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
COMMIT="$(git -C "$SOURCE" rev-parse HEAD)"
if [ -n "$(git -C "$SOURCE" status --porcelain --untracked-files=no)" ]; then
  echo "Note: uncommitted changes in $SOURCE are not part of the check (it clones $COMMIT)."
fi
mkdir -p "$PARENT"
WORK="$(mktemp -d "$PARENT/pactwatch-fresh-XXXXXX")"
CLONE="$WORK/pactwatch"
LOG="$WORK/log"
mkdir -p "$LOG" "$WORK/tmp"
START=$(date +%s)
step() { printf '\n=== %s (+%ss)\n' "$*" "$(($(date +%s) - START))"; }
result() {
  local verdict="$1" why="$2"
  printf '\nfresh machine: %s (%s) — commit %s, %ss; logs in %s\n' "$verdict" "$why" "${COMMIT:0:12}" "$(($(date +%s) - START))" "$LOG"
}

step "Fresh clone of $COMMIT into $CLONE"
git clone --quiet --no-hardlinks "$SOURCE" "$CLONE"
git -C "$CLONE" checkout --quiet --detach "$COMMIT"

# A PATH with no folder that holds a Chromium or Chrome binary (other than the ones node, npm and git need).
FRESH_PATH=""
IFS=':' read -r -a DIRS <<<"$PATH"
for dir in "${DIRS[@]}"; do
  [ -n "$dir" ] || continue
  found=""
  for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    [ -e "$dir/$name" ] && found="$dir/$name"
  done
  if [ -n "$found" ] && [ ! -x "$dir/node" ] && [ ! -x "$dir/git" ]; then continue; fi
  FRESH_PATH="${FRESH_PATH:+$FRESH_PATH:}$dir"
done

# The environment of a new user's shell on a fresh machine, plus what marks the browser as the packaged one.
RUN_ENV=(
  env -u DATABASE_URL -u PACTWATCH_TEST_ADMIN_URL -u PACTWATCH_E2E_BASE_URL -u LD_LIBRARY_PATH
  PATH="$FRESH_PATH" TMPDIR="$WORK/tmp" CHROMIUM_PATH=packaged
  NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true NX_TUI=false NX_CACHE_DIRECTORY="$WORK/nx-cache" FORCE_COLOR=0
)

# As root, hide Debian's Chromium inside a private mount namespace (nothing changes outside this run).
HIDE=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare --mount true 2>/dev/null; then
  HIDE=(unshare --mount --propagation private bash -c '
    for f in /usr/bin/chromium /usr/bin/chromium-browser /usr/lib/chromium/chromium; do
      [ -e "$f" ] && mount --bind /dev/null "$f"
    done
    exec "$@"' hide-chromium)
  echo "Debian's Chromium is hidden from this run (private mount namespace)"
fi

cd "$CLONE"
step "npm ci"
if ! "${RUN_ENV[@]}" npm ci --no-audit --no-fund >"$LOG/npm-ci.log" 2>&1; then
  tail -30 "$LOG/npm-ci.log"; result RED "npm ci failed"; exit 1
fi
tail -3 "$LOG/npm-ci.log"
if grep -q 'install-scripts' "$LOG/npm-ci.log"; then
  grep 'install-scripts' "$LOG/npm-ci.log"; result RED "npm ci warned about install scripts outside package.json's allowScripts"; exit 1
fi

step "npm test (packaged Chromium, embedded PostgreSQL)"
set +e
"${HIDE[@]}" "${RUN_ENV[@]}" npm test 2>&1 | tee "$LOG/npm-test.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  result RED "npm test exited $status"; exit 1
fi
if ! grep -q 'Browser tests use the Chromium of @sparticuz/chromium' "$LOG/npm-test.log"; then
  result RED "the browser tests did not say they ran on the packaged Chromium"; exit 1
fi
if grep -Eq 'Tests:.*skipped' "$LOG/npm-test.log"; then
  grep -E 'Tests:.*skipped' "$LOG/npm-test.log"
fi

result GREEN "npm ci and npm test passed, browser tests on the packaged Chromium"
if [ "$KEEP" = 0 ]; then
  cd / && rm -rf "$WORK"
  echo "(removed $WORK; pass --keep to keep it)"
fi
