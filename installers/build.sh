#!/usr/bin/env bash
# Builds the QTA Studio installer for the OS this runs on, with the JDK's jpackage:
#   Linux: .deb (default) or .rpm, macOS: .dmg, Windows (Git Bash): .msi; --type app-image on any OS.
# Every installer bundles a trimmed Java runtime (installers/runtime-modules) and the JavaFX jars, so the
# installed application needs no JDK and no Maven.
#
#   installers/build.sh                 # mvn package, then the default installer of this OS
#   installers/build.sh --type rpm      # or deb, app-image, dmg, pkg, msi, exe
#   installers/build.sh --skip-maven    # reuse target/qta-studio.jar + target/lib
#
# Output: target/installer/ (the installer; for app-image the image folder plus a .tar.gz / .zip).
# Environment: JAVA_HOME (a JDK >= 21 with jpackage; found under the usual JVM folders when unset or
# older), QTA_MAINTAINER_EMAIL (.deb Maintainer), QTA_MAC_APP_VERSION (see below),
# QTA_MAC_SIGN_IDENTITY (optional: "Developer ID Application: ..." to sign the macOS bundle).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HERE=installers

die() { echo "installers/build.sh: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

TYPE=""
SKIP_MAVEN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --type) [ $# -ge 2 ] || die "--type needs a value"; TYPE="$2"; shift 2 ;;
    --type=*) TYPE="${1#--type=}"; shift ;;
    --skip-maven) SKIP_MAVEN=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

# ---- which OS ------------------------------------------------------------------------------------
case "$(uname -s)" in
  Linux*) OS=linux ;;
  Darwin*) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) die "unsupported OS $(uname -s)" ;;
esac
if [ -z "$TYPE" ]; then
  case "$OS" in linux) TYPE=deb ;; mac) TYPE=dmg ;; windows) TYPE=msi ;; esac
fi
case "$OS:$TYPE" in
  linux:deb|linux:rpm|linux:app-image|mac:dmg|mac:pkg|mac:app-image|windows:msi|windows:exe|windows:app-image) ;;
  *) die "cannot build '$TYPE' on $OS (jpackage builds only the installers of the OS it runs on)" ;;
esac

# ---- a JDK >= 21 with jpackage -------------------------------------------------------------------
EXE=""; [ "$OS" = windows ] && EXE=".exe"
java_major() { "$1/bin/java$EXE" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
usable_jdk() { [ -x "$1/bin/jpackage$EXE" ] && [ "$(java_major "$1" 2>/dev/null || echo 0)" -ge 21 ] 2>/dev/null; }
if [ -z "${JAVA_HOME:-}" ] || ! usable_jdk "$JAVA_HOME"; then
  [ -n "${JAVA_HOME:-}" ] && say "JAVA_HOME=$JAVA_HOME is not a JDK >= 21 with jpackage; looking for one"
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
                   "${HOME}"/.sdkman/candidates/java/* /c/Program\ Files/*/jdk-*; do
    if usable_jdk "$candidate"; then JAVA_HOME="$candidate"; fi   # last match: the newest by name
  done
  [ -n "$JAVA_HOME" ] || die "no JDK >= 21 with jpackage found; install one and set JAVA_HOME"
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
JDK_MAJOR="$(java_major "$JAVA_HOME")"
say "JDK $JDK_MAJOR at $JAVA_HOME"

# ---- the application jar and its libraries -------------------------------------------------------
if [ "$SKIP_MAVEN" = 0 ]; then
  command -v mvn >/dev/null || die "mvn not found (or pass --skip-maven after building target/qta-studio.jar)"
  say "mvn -q -B -DskipTests package"
  mvn -q -B -DskipTests package >&2   # stdout carries only the installer path
fi
[ -f target/qta-studio.jar ] && [ -d target/lib ] || die "target/qta-studio.jar or target/lib missing; run mvn -DskipTests package"

# Version: the pom's project version without -SNAPSHOT/qualifiers (jpackage wants 1 to 3 numbers).
POM_VERSION="$(sed -n '/<artifactId>qta-studio<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n1)"
VERSION="$(echo "$POM_VERSION" | sed 's/[^0-9.].*$//; s/\.$//')"
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot make a jpackage version out of the pom version '$POM_VERSION'"
APP_VERSION="$VERSION"
if [ "$OS" = mac ] && [ "${VERSION%%.*}" = 0 ]; then
  # jpackage refuses a macOS CFBundleVersion whose first number is 0 (JDK-8253747 era rule, still in
  # JDK 25). Until 1.0 the bundle says QTA_MAC_APP_VERSION (default 1.0.0); the CLI's --version is
  # unaffected.
  APP_VERSION="${QTA_MAC_APP_VERSION:-1.0.0}"
  say "macOS bundles need a major version >= 1: version $VERSION is packaged as bundle version $APP_VERSION"
fi

OUT=target/installer
WORK=target/installer-work
rm -rf "$WORK"
mkdir -p "$OUT" "$WORK/input/lib"
cp target/qta-studio.jar "$WORK/input/"
for jar in target/lib/*.jar; do
  name="$(basename "$jar")"
  # The Linux CPU build of libtorch is useless elsewhere (DJL downloads the right one on first LM use).
  if [ "$OS" != linux ] && [[ "$name" == pytorch-native-cpu-*linux* ]]; then continue; fi
  cp "$jar" "$WORK/input/lib/"
done

# Native libraries of other platforms inside the jars (ONNX Runtime alone carries 66 MB for Windows):
# drop them from the copies that go into the installer. Each library loads its own platform's folder.
case "$OS:$(uname -m)" in
  linux:x86_64|linux:amd64)  P_ORT=linux-x64;     P_DJL=linux-x86_64;  P_SQLITE=Linux ;;
  linux:aarch64|linux:arm64) P_ORT=linux-aarch64; P_DJL=linux-aarch64; P_SQLITE=Linux ;;
  mac:arm64|mac:aarch64)     P_ORT=osx-aarch64;   P_DJL=osx-aarch64;   P_SQLITE=Mac ;;
  mac:x86_64)                P_ORT=osx-x64;       P_DJL=osx-x86_64;    P_SQLITE=Mac ;;
  windows:*)                 P_ORT=win-x64;       P_DJL=win-x86_64;    P_SQLITE=Windows ;;
  *)                         P_ORT=""; P_DJL=""; P_SQLITE="" ;;
esac
trim_jar() {  # JAR-GLOB PREFIX KEEP: delete PREFIX<dir>/* for every <dir> but KEEP
  local jar dir
  for jar in $WORK/input/lib/$1; do
    [ -f "$jar" ] || continue
    for dir in $(unzip -Z1 "$jar" | sed -n "s#^$2\([^/]*\)/.*#\1#p" | sort -u); do
      [ "$dir" = "$3" ] || zip -qd "$jar" "$2$dir/*" >/dev/null
    done
  done
}
if [ -n "$P_ORT" ] && command -v zip >/dev/null && command -v unzip >/dev/null; then
  before="$(du -sk "$WORK/input/lib" | cut -f1)"
  trim_jar 'onnxruntime-*.jar' ai/onnxruntime/native/ "$P_ORT"
  trim_jar 'tokenizers-*.jar' native/lib/ "$P_DJL"
  trim_jar 'pytorch-jni-*.jar' jnilib/ "$P_DJL"
  trim_jar 'sqlite-jdbc-*.jar' org/sqlite/native/ "$P_SQLITE"
  say "dropped other platforms' native libraries from the jars: $(( (before - $(du -sk "$WORK/input/lib" | cut -f1)) / 1024 )) MB"
else
  say "zip/unzip not found: keeping every platform's native libraries in the jars (larger installer)"
fi

# ---- the runtime -----------------------------------------------------------------------------------
MODULES="$(grep -v '^[[:space:]]*#' "$HERE/runtime-modules" | grep -v '^[[:space:]]*$' | paste -sd, -)"
# JDK 21 still keeps elliptic-curve TLS in jdk.crypto.ec (folded into java.base since JDK 22).
[ "$JDK_MAJOR" -lt 22 ] && MODULES="$MODULES,jdk.crypto.ec"
say "runtime modules: $MODULES"

# Launcher JVM options: 75% of RAM as the heap ceiling (models and indexes are large), ZGC (its pauses stay under
# a millisecond, where G1's reached 300 ms and dropped the window's frames: docs/gui-benchmark.md), UTF-8 files,
# native access for SQLite/ONNX Runtime/DJL/JNA without warnings, and the bundled CPU build of the
# HuggingFace tokenizers (DJL reads RUST_FLAVOR from the environment or a system property; unset, it
# downloads a CUDA build of the tokenizers on a CUDA machine, which tokenizing does not need).
# No -Dai.djl.offline: the app asks before DJL downloads the CUDA build of PyTorch on first GPU use.
JAVA_OPTS=(--java-options "-XX:MaxRAMPercentage=75" --java-options "-XX:+UseZGC" --java-options "-Dfile.encoding=UTF-8"
           --java-options "--enable-native-access=ALL-UNNAMED" --java-options "-DRUST_FLAVOR=cpu")
[ "$JDK_MAJOR" -ge 23 ] && JAVA_OPTS+=(--java-options "--sun-misc-unsafe-memory-access=allow")

DESCRIPTION="Tool retrieval for LLM agents with thousands of tools: catalogs, annotation, evaluation and QTA alignment."
if [ "$OS" = linux ]; then NAME=qta-studio; else NAME="QTA Studio"; fi
ICON="$HERE/icons/qta-studio.png"; [ "$OS" = mac ] && ICON="$HERE/icons/qta-studio.icns"; [ "$OS" = windows ] && ICON="$HERE/icons/qta-studio.ico"

IMAGE_ARGS=(--type app-image --dest "$WORK/image"
  --name "$NAME" --app-version "$APP_VERSION"
  --vendor "QTA Studio contributors" --copyright "Copyright (c) 2026 QTA Studio contributors"
  --description "$DESCRIPTION" --icon "$ICON"
  --input "$WORK/input" --main-jar qta-studio.jar --main-class org.qtastudio.Main
  --add-modules "$MODULES"
  --jlink-options "--strip-debug --no-man-pages --no-header-files"
  "${JAVA_OPTS[@]}")
case "$OS" in
  mac) IMAGE_ARGS+=(--mac-package-identifier org.qtastudio.QTAStudio --mac-package-name "QTA Studio"
                    --mac-app-category public.app-category.developer-tools)
       if [ -n "${QTA_MAC_SIGN_IDENTITY:-}" ]; then
         IMAGE_ARGS+=(--mac-sign --mac-signing-key-user-name "$QTA_MAC_SIGN_IDENTITY")
       fi ;;
  windows) IMAGE_ARGS+=(--add-launcher "qta-studio=$HERE/windows/qta-studio-cli.properties") ;;
esac

say "jpackage --type app-image (jlink the runtime, copy the jars) ..."
jpackage "${IMAGE_ARGS[@]}"
case "$OS" in
  mac) IMAGE="$WORK/image/$NAME.app" ;;
  *) IMAGE="$WORK/image/$NAME" ;;
esac
[ -d "$IMAGE" ] || die "jpackage made no app image at $IMAGE"

if [ "$TYPE" = app-image ]; then
  ARCH="$(uname -m)"
  rm -rf "${OUT:?}/$(basename "$IMAGE")"
  cp -R "$IMAGE" "$OUT/"
  case "$OS" in
    windows) ARCHIVE="$OUT/qta-studio-$VERSION-windows-$ARCH.zip"
             (cd "$OUT" && powershell.exe -NoProfile -Command "Compress-Archive -Force -Path '$NAME' -DestinationPath '$(basename "$ARCHIVE")'") ;;
    mac) ARCHIVE="$OUT/qta-studio-$VERSION-macos-$ARCH.tar.gz"; tar -C "$OUT" -czf "$ARCHIVE" "$NAME.app" ;;
    *) ARCHIVE="$OUT/qta-studio-$VERSION-linux-$ARCH.tar.gz"; tar -C "$OUT" -czf "$ARCHIVE" "$NAME" ;;
  esac
  say "app image: $OUT/$(basename "$IMAGE") ($(du -sh "$OUT/$(basename "$IMAGE")" | cut -f1)), archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
  exit 0
fi

# ---- the installer, from the app image -------------------------------------------------------------
PKG_ARGS=(--type "$TYPE" --dest "$OUT" --app-image "$IMAGE"
  --name "$NAME" --app-version "$APP_VERSION"
  --vendor "QTA Studio contributors" --copyright "Copyright (c) 2026 QTA Studio contributors"
  --description "$DESCRIPTION")
case "$TYPE" in
  deb|rpm)
    # JavaFX's native libraries sit inside its jars, so jpackage's ldd scan (which finds what the Java
    # runtime needs: libasound2, libx11-6, libxtst6, ...) cannot see them: name them here.
    # GTK 3 for the window, OpenGL/Xxf86vm for Prism, fonts (JavaFX refuses to start with none).
    if [ "$TYPE" = deb ]; then
      DEPS="libgtk-3-0 | libgtk-3-0t64, libgl1, libxxf86vm1, libxtst6, libfreetype6, libfontconfig1, libpango-1.0-0, libstdc++6, fonts-dejavu-core | fonts-dejavu | fonts-liberation2"
      PKG_ARGS+=(--linux-deb-maintainer "${QTA_MAINTAINER_EMAIL:-$(git config user.email 2>/dev/null || echo qta-studio@localhost)}")
    else
      # jpackage finds the runtime's own libraries with rpm -q --whatprovides, which finds nothing on a
      # Debian build host: name them too (alsa-lib, libX11, libXext, libXi, libXrender, libXtst).
      DEPS="gtk3, mesa-libGL, libXxf86vm, libXtst, libX11, libXext, libXi, libXrender, alsa-lib, freetype, fontconfig, pango, libstdc++, (dejavu-sans-fonts or liberation-sans-fonts)"
    fi
    # Resources: installers/linux (postinst/prerm with the /usr/bin link, .desktop, RPM spec) plus the
    # menu icon, which jpackage takes from here (it ignores --icon when packaging an app image).
    mkdir -p "$WORK/resources"
    cp "$HERE"/linux/* "$WORK/resources/"
    cp "$ICON" "$WORK/resources/$NAME.png"
    PKG_ARGS+=(--resource-dir "$WORK/resources" --install-dir /opt
      --linux-package-name qta-studio --linux-app-release 1 --linux-app-category devel
      --linux-shortcut --linux-package-deps "$DEPS")
    ;;
  dmg|pkg)
    ;;  # identifier, bundle name, icon and signature come with the app image
  msi|exe)
    # A fixed upgrade UUID: every later .msi replaces the installed version instead of installing beside it.
    PKG_ARGS+=(--win-menu --win-menu-group "QTA Studio" --win-shortcut --win-dir-chooser
      --win-upgrade-uuid fbe4d1b4-cb61-4fcb-a3c7-1c1ff5b27e9c
      --install-dir "QTA Studio") ;;
esac

# dpkg-deb compresses with xz by default: over 10 minutes for these ~400 MB of mostly already-compressed
# jars on a 2-core machine, for a few percent. gzip unless DPKG_DEB_COMPRESSOR_TYPE says otherwise.
[ "$TYPE" = deb ] && export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"

say "jpackage --type $TYPE ..."
jpackage "${PKG_ARGS[@]}"
ls -l "$OUT" | grep -v '^total' >&2
case "$TYPE" in
  deb) FILE="$(ls -t "$OUT"/qta-studio_*.deb | head -n1)" ;;
  rpm) FILE="$(ls -t "$OUT"/qta-studio-*.rpm | head -n1)" ;;
  *) FILE="$(ls -t "$OUT"/*."$TYPE" | head -n1)" ;;
esac
say "built $FILE ($(du -h "$FILE" | cut -f1))"
echo "$FILE"
