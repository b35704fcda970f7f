#!/usr/bin/env bash
# Regenerates the committed .wasm fixtures from their .wat sources (needs wabt: apt-get install wabt).
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do
  wat2wasm "$source" -o "${source%.wat}.wasm"
done
