#!/usr/bin/env bash
# The front door. Installs what is missing (Debian packages, .venv, pinned Python packages,
# reveal.js), then runs one verb:
#
#   ./render.sh setup                install only
#   ./render.sh test [pytest args]   run the test suite
#   ./render.sh [VERB] [options]     any verb of the `lecture` command (render when none):
#                                    render, slides, present, values, list, preview
#                                    (./render.sh VERB --help tells more)
#
# A second run finds everything in place and skips straight to the verb.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
LOCK="$ROOT/requirements.lock"
PYTHON="${PYTHON:-python3}"

# One home each: the Debian packages to install, and reveal.js's version and digest.
mapfile -t DEBIAN_PACKAGES < <(grep -v '^\s*\(#\|$\)' "$ROOT/deps/debian-packages.txt")
REVEAL_VERSION="$(sed -n 's/^version=//p' "$ROOT/deps/reveal.js.lock")"
REVEAL_INTEGRITY="$(sed -n 's/^integrity=//p' "$ROOT/deps/reveal.js.lock")"
REVEAL_DIR="$ROOT/vendor/reveal.js-$REVEAL_VERSION"

say() { printf '\033[1;34m[render.sh]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[render.sh] error:\033[0m %s\n' "$*" >&2; exit 1; }

missing_debian_packages() {
  local pkg
  local -a wanted=("${DEBIAN_PACKAGES[@]}")
  # Debian's own python3 needs these to make a venv and build C extensions.
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)
  "$PYTHON" - <<'PY' 2>/dev/null || wanted+=(python3-dev)
import os, sys, sysconfig
sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      printf '%s\n' "$pkg"
    fi
  done
}

ensure_system() {
  command -v "$PYTHON" >/dev/null 2>&1 || die "no $PYTHON found. Install it: apt-get install python3 python3-venv python3-dev"
  command -v dpkg-query >/dev/null 2>&1 || die "this set-up expects Debian/Ubuntu (dpkg-query not found); install cairo, pango, pkg-config and TeX Live with dvisvgm by hand"
  local -a missing
  mapfile -t missing < <(missing_debian_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local -a sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages and not root. Run: apt-get install --no-install-recommends ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
    || die "apt-get update failed. Run it by hand: apt-get update"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "could not install Debian packages. Run: apt-get install --no-install-recommends ${missing[*]}"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: run as root: $*"
    sudo "$@"
  fi
}

ensure_reveal() {
  local stamp="$REVEAL_DIR/.integrity"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$REVEAL_INTEGRITY" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    say "installing npm (Debian package) to fetch reveal.js"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      || die "apt-get update failed. Run it by hand: apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null \
      || die "could not install npm. Run: apt-get install --no-install-recommends npm"
  fi
  say "fetching reveal.js $REVEAL_VERSION from the npm registry"
  local tmp tarball got
  tmp="$(mktemp -d)"
  tarball="$(cd "$tmp" && npm pack --silent "reveal.js@$REVEAL_VERSION" 2>/dev/null | tail -n 1)" \
    || { rm -rf "$tmp"; die "npm could not fetch reveal.js@$REVEAL_VERSION. Check that the npm registry answers: npm view reveal.js@$REVEAL_VERSION"; }
  got="$("$PYTHON" -c 'import base64, hashlib, sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tmp/$tarball")" \
    || { rm -rf "$tmp"; die "could not read the reveal.js package npm fetched"; }
  if [ "$got" != "$REVEAL_INTEGRITY" ]; then
    rm -rf "$tmp"
    die "reveal.js@$REVEAL_VERSION from npm does not match the digest in deps/reveal.js.lock (got $got)"
  fi
  tar -xzf "$tmp/$tarball" -C "$tmp" || { rm -rf "$tmp"; die "could not unpack $tarball"; }
  mkdir -p "$(dirname "$REVEAL_DIR")"
  rm -rf "$REVEAL_DIR"
  mv "$tmp/package" "$REVEAL_DIR"
  printf '%s\n' "$REVEAL_INTEGRITY" >"$REVEAL_DIR/.integrity"
  rm -rf "$tmp"
}

ensure_venv() {
  local stamp="$VENV/.lecture-installed"
  local want
  want="$(cat "$LOCK" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  # a user who may not write here (not root, not the clone's owner) is told so, not sent
  # to install python3-venv
  local place="$VENV"
  [ -e "$VENV" ] || place="$(dirname "$VENV")"
  if [ ! -w "$place" ]; then
    local owner
    owner="$(stat -c %U "$place")"
    die "$place is not writable by $(id -un) (it belongs to $owner). Run ./render.sh as $owner$([ "$owner" = root ] || echo ", or as root")"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV" || die "could not create the virtualenv in $VENV. If python3-venv is missing: apt-get install python3-venv"
  fi
  say "installing pinned Python packages (first run builds pycairo and ManimPango: a few minutes)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$LOCK" \
    || die "pip could not install requirements.lock (see the messages above)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$ROOT" \
    || die "pip could not install the project itself"
  printf '%s\n' "$want" >"$stamp"
}

setup() {
  ensure_system
  ensure_venv
  ensure_reveal
}

verb="${1:-render}"
case "$verb" in
  -h|--help|help)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 0 ;;
  setup|test) shift ;;
esac

setup
# The other verbs run in the caller's folder, so relative paths (--config my.toml, --out)
# mean what they say; the project is installed in the venv and found from anywhere.
export PYTHONHASHSEED=0  # manim's cache keys depend on it: same inputs, same frames
case "$verb" in
  setup) say "set-up complete: $VENV" ;;
  test) cd "$ROOT" && exec "$VENV/bin/python" -m pytest "$@" ;;
  *) exec "$VENV/bin/lecture" "$@" ;;  # the verbs and their checks live in pipeline/cli
esac
