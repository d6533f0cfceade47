#!/usr/bin/env bash
# The GPU check of QTA Studio, in one run (see docs/lm-benchmarks.md, "GPU check").
#
#   scripts/gpu-check.sh --pack [OUT.tar.gz]   on a build machine (JDK >= 21 with jlink, Maven, ~/.m2 filled):
#                                             writes a self-contained bundle (trimmed Java runtime + the jars the
#                                             check needs + ../shared/fixtures/lm), <= 64 MiB
#   scripts/gpu-check.sh [--device gpu|cpu] [bench gpu options...]
#                                             runs the check: from an unpacked bundle (its runtime/ and lib/), or
#                                             from the repository (target/classes + ~/.m2, JAVA_HOME)
#
# Where libtorch comes from, in this order (printed before the run, and by the check itself from /proc/self/maps):
#   1. $PYTORCH_LIBRARY_PATH, if set (with PYTORCH_FLAVOR, default cu128);
#   2. an engine build installed with `qta-studio lm engine install` in $QTA_STUDIO_HOME (or the default data folder):
#      QTA Studio's own selection picks it;
#   3. the lib folder of a Python PyTorch (`python3 -c "import torch"`), which must be 2.7.x for DJL 0.36's JNI;
#   4. --device cpu only: a CPU libtorch 2.7.1 from DJL's cache (~/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64) or from
#      the pytorch-native-cpu jar in ~/.m2.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

pack() {
  local out="${1:-$PWD/qta-gpu-check.tar.gz}"
  local repo; repo="$(cd "$HERE/.." && pwd)"
  local java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  local work; work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  (cd "$repo" && mvn -o -q compile && mvn -o -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
  mkdir -p "$work/b/lib" "$work/b/scripts" "$work/b/fixtures"
  "$java_home/bin/jar" --create --file "$work/b/lib/qta-studio-classes.jar" -C "$repo/target/classes" .
  tr ':' '\n' < "$work/cp.txt" | grep -E '/(api|pytorch-engine|pytorch-jni|gson|jna|commons-compress|picocli|jackson-core|jackson-databind|jackson-annotations|slf4j-api|logback-classic|logback-core)-[0-9][^/]*\.jar$' \
    | xargs -I{} cp {} "$work/b/lib/"
  "$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$work/b/runtime"
  cp -r "$repo/../shared/fixtures/lm" "$work/b/fixtures/lm"
  cp "$HERE/gpu-check.sh" "$work/b/scripts/"
  tar -C "$work/b" -czf "$out" .
  local size; size=$(stat -c %s "$out")
  echo "bundle: $out ($((size / 1048576)) MiB; runtime $(du -sm "$work/b/runtime" | cut -f1) MiB unpacked, jars $(du -sm "$work/b/lib" | cut -f1) MiB)"
  if (( size > 64 * 1048576 )); then echo "error: the bundle is over 64 MiB" >&2; return 1; fi
}

if [[ "${1:-}" == "--pack" ]]; then shift; pack "$@"; exit; fi

DEVICE=gpu
for a in "$@"; do case "$a" in --device=cpu|cpu) DEVICE=cpu;; esac; done
prev=""; for a in "$@"; do [[ "$prev" == "--device" ]] && DEVICE="$a"; prev="$a"; done

ROOT="$(cd "$HERE/.." && pwd)"
if [[ -x "$ROOT/runtime/bin/java" ]]; then                    # an unpacked bundle
  JAVA="$ROOT/runtime/bin/java"; CP="$ROOT/lib/*"
  FIXTURES="$ROOT/fixtures/lm"; TOKENIZER="$ROOT/fixtures/tokenizer"
else                                                          # the repository
  JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  (cd "$ROOT" && mvn -o -q compile && mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/gpu-check-cp.txt >/dev/null)
  CP="$ROOT/target/classes:$(tr ':' '\n' < "$ROOT/target/gpu-check-cp.txt" | grep -v -E 'pytorch-native|tokenizers-|javafx|lucene|langchain4j|onnxruntime' | paste -sd: -)"
  FIXTURES="$ROOT/../shared/fixtures/lm"; TOKENIZER="$ROOT/../shared/fixtures/tokenizers/qwen3"
fi
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$(mktemp -d)}"   # where DJL extracts its JNI library
export RUST_FLAVOR=cpu

where=""
if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
  export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}" PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}"
  where="PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH (set by you)"
elif ls -d "${QTA_STUDIO_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/qta-studio}"/engines/2.7.1-cu*-linux-x86_64 >/dev/null 2>&1 && [[ "$DEVICE" != cpu ]]; then
  where="an installed QTA Studio engine build (chosen by QTA Studio's selection)"
elif [[ "$DEVICE" != cpu ]] && py=$(python3 -c 'import os,torch;print(os.path.join(os.path.dirname(torch.__file__),"lib"));print(torch.__version__);print(torch.version.cuda or "")' 2>/dev/null); then
  lib=$(sed -n 1p <<<"$py"); ver=$(sed -n 2p <<<"$py"); cuda=$(sed -n 3p <<<"$py")
  export PYTORCH_LIBRARY_PATH="$lib" PYTORCH_FLAVOR=cu128 PYTORCH_VERSION=2.7.1
  where="Python PyTorch $ver (CUDA $cuda) at $lib"
  [[ "$ver" == 2.7.* ]] || echo "warning: PyTorch $ver is not 2.7.x; DJL 0.36's JNI is built for 2.7.1 and may not load" >&2
  [[ "$cuda" == 12.* ]] || echo "warning: this PyTorch is built for CUDA '$cuda'; the cu128 JNI expects CUDA 12" >&2
elif [[ "$DEVICE" == cpu ]]; then
  cpu=$(ls -d "$HOME"/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64 2>/dev/null | head -1 || true)
  if [[ -z "$cpu" ]]; then
    jar=$(ls "$HOME"/.m2/repository/ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar 2>/dev/null || true)
    [[ -n "$jar" ]] || { echo "error: no CPU libtorch 2.7.1 found (DJL cache or ~/.m2)" >&2; exit 2; }
    cpu="$DJL_CACHE_DIR/cpu-libtorch"; mkdir -p "$cpu"
    (cd "$cpu" && unzip -q -j -o "$jar" 'pytorch/cpu/linux-x86_64/*')
  fi
  export PYTORCH_LIBRARY_PATH="$cpu" PYTORCH_FLAVOR=cpu PYTORCH_VERSION=2.7.1
  where="CPU libtorch at $cpu"
else
  echo "error: no CUDA libtorch found: set PYTORCH_LIBRARY_PATH to a CUDA libtorch 2.7.1 folder, install one with" \
       "'qta-studio lm engine install', or have a Python PyTorch 2.7 with CUDA (pip install torch==2.7.1)" >&2
  exit 2
fi
echo "libtorch: $where"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
START=$(date +%s)
set +e
"$JAVA" -Xmx8g -Dai.djl.offline=true -cp "$CP" org.qtastudio.cli.GpuCheckCommand \
  --fixtures "$FIXTURES" --tokenizer "$TOKENIZER" "$@"
rc=$?
echo "gpu-check: exit $rc after $(( $(date +%s) - START )) s"
exit $rc
