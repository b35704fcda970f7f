#!/usr/bin/env bash
# The analyzer on a large recording: generates one of about SIZE_MB megabytes (default 1024) with the
# sample app under the agent in a diagnosis (every call an event; not committed; kept in
# target/bench), and one of the same calls at the agent's default settings, then times, in the same
# run, wasmlens-analyze with a 512 MB heap on both, `jfr summary`, `jfr print --events 'wasmlens.*'`
# and JDK Mission Control's loader (in 512 MB, then 8 GB if that fails),
# and prints MB/s and peak RSS for each as a Markdown table (docs/benchmarks.md).
#
#   [ANALYZER=other/wasmlens-analyze.jar] bench/analyzer-large-recording.sh [SIZE_MB]
#
# Needs the built jars (mvn -B -q -DskipTests package) and GNU time (/usr/bin/time, Debian package
# "time") for the peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-1024}
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jfr_bin="$(dirname "$(readlink -f "$(command -v "$java_bin")")")/jfr"
agent=agent/target/wasmlens-agent.jar
demo=demo-app/target/wasmlens-demo.jar
analyzer=${ANALYZER:-jfr-analysis/target/wasmlens-analyze.jar}
work=target/bench
recording="$work/large-${size_mb}mb-diagnosis.jfr"
default_recording="$work/large-${size_mb}mb-default.jfr"

for jar in "$agent" "$demo" "$analyzer"; do
  [[ -f "$jar" ]] || { echo "missing $jar: build first (mvn -B -q -DskipTests package)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "GNU time is needed for peak RSS: apt-get install time" >&2; exit 1; }
mkdir -p "$work"

# A call and its host call take about 95 bytes in a diagnosis recording (measured: 3 million
# calls, 286 MB).
threads=2
calls=$(( size_mb * 1024 * 1024 / 95 / threads ))
generate() {
  local file=$1 settings=$2
  [[ -f "$file" ]] && return
  echo "generating $file: $threads threads x $calls calls${settings:+, $settings}" >&2
  local start
  start=$(date +%s)
  "$java_bin" -Xmx1g "-javaagent:$agent=jfr.file=$file${settings:+,$settings}" -jar "$demo" sample \
    --threads "$threads" --calls "$calls" >&2
  echo "generated in $(( $(date +%s) - start )) s" >&2
}
generate "$recording" diagnosis=true
generate "$default_recording" ""
megabytes() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }
mb=$(megabytes "$recording")

# Runs a command under GNU time; prints "seconds peak-RSS-MiB".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || {
    echo "failed: $*" >&2; tail -3 "$work/stderr.txt" >&2; exit 1; }
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$work/time.txt"
}

row() {
  local name=$1; shift
  read -r seconds rss < <(measure "$@")
  awk -v n="$name" -v s="$seconds" -v r="$rss" -v mb="${row_mb:-$mb}" \
    'BEGIN { printf "| %s | %.1f | %.1f | %d |\n", n, s, mb / s, r }'
}

echo "| tool | seconds | MB/s | peak RSS (MiB) |"
echo "|---|---|---|---|"
row "wasmlens-analyze (-Xmx512m)" "$java_bin" -Xmx512m -jar "$analyzer" --format json -o "$work/report.json" "$recording"
row_mb=$(megabytes "$default_recording") row "wasmlens-analyze (-Xmx512m), the same calls at the default settings ($(megabytes "$default_recording") MB)" \
  "$java_bin" -Xmx512m -jar "$analyzer" --format json -o "$work/report-default.json" "$default_recording"
row "jfr summary" "$jfr_bin" summary "$recording"
row "jfr print --events 'wasmlens.*'" "$jfr_bin" print --events 'wasmlens.*' "$recording"
# JDK Mission Control's loader keeps every event in memory: tried in the analyzer's 512 MB, then in 8 GB.
bench_jar=benchmarks/target/wasmlens-bench.jar
if [[ -f "$bench_jar" ]]; then
  for heap in 512m 8g; do
    if /usr/bin/time -f "%e %M" -o "$work/time.txt" "$java_bin" "-Xmx$heap" -cp "$bench_jar" \
        dev.wasmlens.bench.JmcLoad "$recording" > /dev/null 2> "$work/stderr.txt"; then
      awk -v h="$heap" -v mb="$mb" '{ printf "| JMC loader (-Xmx%s) | %.1f | %.1f | %.0f |\n", h, $1, mb / $1, $2 / 1024 }' \
        "$work/time.txt"
      break
    fi
    echo "| JMC loader (-Xmx$heap) | did not finish: $(grep -m1 -o 'OutOfMemoryError[^\"]*' "$work/stderr.txt" || tail -1 "$work/stderr.txt") | | |"
  done
fi
if [[ -f "$bench_jar" ]]; then
  echo
  echo "The JDK's parser alone on the same file, counting events (dev.wasmlens.bench.JdkParserReads, -Xmx512m):"
  echo
  echo "| way | seconds | events |"
  echo "|---|---|---|"
  "$java_bin" -Xmx512m -cp "$bench_jar" dev.wasmlens.bench.JdkParserReads "$recording"
fi
echo
echo "recording: $recording, $mb MB; $("$java_bin" -version 2>&1 | head -1); $(nproc) cores"
