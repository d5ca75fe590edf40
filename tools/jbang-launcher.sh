#!/usr/bin/env bash
# SEP's own JBang launcher (copied to ./jbang by `make setup`; git-ignored there).
# Maven Central serves JBang only as a jar: `dev.jbang.Main` prints the java command to run and exits 255,
# and this launcher execs it, as JBang's official script does.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/.tools/jbang-cli-all.jar"
if [ ! -f "$jar" ]; then
  echo "jbang: $jar is missing; run 'make setup' in $root first" >&2
  exit 1
fi
# Scripts find the project (data, cache, runs) through SEP_HOME wherever they are started from.
export SEP_HOME="${SEP_HOME:-$root}"
# JBang's own cache stays inside the repository unless the user chose another.
export JBANG_DIR="${JBANG_DIR:-$root/.tools/jbang-home}"
# libtorch on CPU runs up to 2x faster with jemalloc (shared/sep/models/deep/package-info.java); used when installed.
if [ -z "${LD_PRELOAD:-}" ]; then
  for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -f "$lib" ]; then
      export LD_PRELOAD="$lib"
      export MALLOC_CONF="${MALLOC_CONF:-retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1}"
      break
    fi
  done
fi
# libtorch's OpenMP threads spin while waiting; on 2 shared cores that made training up to 10x slower
# (shared/sep/models/deep/package-info.java). Passive waiting keeps two threads the fastest choice.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# oneDNN's AVX-512 convolutions read unwritten padding of partly filled 16-channel blocks and give NaN now and then;
# AVX2 kernels (8-channel blocks, every network's channel counts are multiples of 8) are safe and were faster here
# (shared/sep/models/deep/NativeKernels.java). The native library reads this when it loads, so it is set before Java starts.
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-${DNNL_MAX_CPU_ISA:-AVX2}}"
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-$ONEDNN_MAX_CPU_ISA}"
java_exec="java"
[ -n "${JAVA_HOME:-}" ] && java_exec="$JAVA_HOME/bin/java"
# JBang builds a changed script into its cache here; two builds of the same script at once leave a jar without
# its main class ("no main class deduced"). A lock makes concurrent launches build one after the other; it is
# released before the script itself runs, so runs still go side by side.
mkdir -p "$JBANG_DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$JBANG_DIR/.build.lock"
  flock 9
fi
output=$("$java_exec" ${JBANG_JAVA_OPTIONS:-} -classpath "$jar" dev.jbang.Main "$@" 9>&-)
err=$?
exec 9>&-
if [ $err -eq 255 ]; then
  eval "exec $output"
fi
[ -n "$output" ] && printf '%s\n' "$output"
exit $err
