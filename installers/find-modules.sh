#!/usr/bin/env bash
# Prints the JDK modules Verdant's jars need, found with jdeps, for --add-modules in common/app-image.opts.
# Verdant runs on the classpath, so each jar is analysed on its own (a modular jar against the others as modules,
# skipping EJML, whose jars split packages); the union of the JDK modules (java.*, jdk.*) is printed.
# Needs target/verdant.jar and target/lib (mvn -DskipTests package). jdeps cannot see services loaded by name:
# jdk.zipfs (the presets are read from inside the jar) and jdk.crypto.ec (TLS) are added in app-image.opts by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/all" "$work/modules"
for j in target/lib/*.jar; do
  case $(basename "$j") in
    pytorch-native-*|javafx-*-[0-9]*[0-9].jar) continue ;;   # libraries only / empty stubs
  esac
  cp "$j" "$work/all/"
  case $(basename "$j") in ejml-*) ;; *) cp "$j" "$work/modules/" ;; esac
done
for j in target/verdant.jar "$work"/all/*.jar; do
  jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --module-path "$work/modules" \
    --class-path "$work/all/*" "$j" 2>/dev/null | tail -1
done | tr ',' '\n' | grep -E '^(java|jdk)\.' | sort -u | paste -sd,
