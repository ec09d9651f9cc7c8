#!/usr/bin/env bash
# Installs what Mediagraph needs on a fresh machine, and nothing when it is all there (fast path
# under a second). Called by `npm start`, `npm test` and `.ci/run`.
#
# - Debian packages (scripts/debian-packages.txt): a JRE for AWS's DynamoDB Local, ... Installed with
#   apt-get when a command they provide is missing (as root, or with sudo when available).
# - npm dependencies: `npm ci` when node_modules is missing or older than package-lock.json.
#   FFMPEG_BIN points ffmpeg-static's install script at Debian's ffmpeg: its own download needs the
#   internet (see NOTES.md).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r command package _; do
  [[ -z "$command" || "$command" == \#* ]] && continue
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done < scripts/debian-packages.txt

if (( ${#missing[@]} > 0 )); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.mediagraph-installed
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "setup: installing npm dependencies (npm ci)" >&2
  if command -v ffmpeg >/dev/null 2>&1; then export FFMPEG_BIN="${FFMPEG_BIN:-$(command -v ffmpeg)}"; fi
  # onnxruntime-node's install script contacts a package host; its Linux x64 binaries already ship inside.
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi
