#!/usr/bin/env bash
# Builds a real Jaeger (v2, all-in-one, in-memory storage) from the Go module proxy, once, and prints the path
# of the binary. Everything is cached outside the checkout, keyed by version: a second run prints the path at
# once. Needs Go and the module proxy; see shared notes: module v1.76.0 is the Jaeger v2.13.0 code.
set -euo pipefail

version="${JAEGER_MODULE_VERSION:-v1.76.0}"
cache="${WASMLENS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlens}"
home="$cache/jaeger-$version"
binary="$home/jaeger"

if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "cannot build Jaeger: Go is not installed (needed once; the binary is then cached in $home)" >&2
  exit 3
fi

mkdir -p "$home/src"
export GOMODCACHE="$cache/go-mod"
export GOCACHE="$cache/go-build"
export GOFLAGS=-mod=mod
cd "$home/src"
[ -f go.mod ] || go mod init jaegerbuild >&2
echo "building Jaeger $version into $home (first time only: a large download and several minutes)" >&2
go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$version" >&2
go build -o "$binary.tmp" github.com/jaegertracing/jaeger/cmd/jaeger >&2
mv "$binary.tmp" "$binary"
echo "$binary"
