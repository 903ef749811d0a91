#!/usr/bin/env bash
# Builds Verdant's Linux installers: target/installer/dist/verdant_<version>_amd64.deb and verdant-<version>.x86_64.rpm.
#   installers/linux/build.sh            both (needs fakeroot + dpkg-deb for the .deb, rpmbuild for the .rpm)
#   installers/linux/build.sh deb        only the .deb (rpm: only the .rpm)
# Maven's linux-x86_64 profile (active on Linux x86_64) picks the natives; the installer profile runs
# installers/Package.java (jlink + jpackage with the option files in installers/). When both are built, the script
# checks that the two packages install the same files. MAVEN_ARGS adds Maven options (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
types=${1:-deb,rpm}

need() { command -v "$1" >/dev/null 2>&1 || { echo "build.sh: $1 is missing; install it (Debian: apt-get install $2)" >&2; exit 1; }; }
need jpackage "openjdk-17-jdk"
[[ $types == *deb* ]] && { need fakeroot fakeroot; need dpkg-deb dpkg; }
[[ $types == *rpm* ]] && need rpmbuild rpm
# jpackage's .deb: dpkg-deb's default xz at level 6 spends minutes on libtorch's 430 MB with one thread; let it use
# every core (the same compression, the same size)
export DPKG_DEB_THREADS_MAX=${DPKG_DEB_THREADS_MAX:-$(nproc)}
# VERDANT_FAST_COMPRESSION=1 (CI, the smoke test): gzip -1 instead, for both packages, to check that they work in
# a fraction of the time; the packages are then about 1.5x larger
if [[ ${VERDANT_FAST_COMPRESSION:-0} == 1 ]]; then
  export DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1
  # rpmbuild reads its macros from $HOME/.rpmmacros; Maven's Java finds ~/.m2 through the password database, not $HOME
  rpm_home=$(mktemp -d)
  echo '%_binary_payload w1.gzdio' > "$rpm_home/.rpmmacros"
  export HOME=$rpm_home
fi

start=$(date +%s)
# shellcheck disable=SC2086  # MAVEN_ARGS is a list of options
mvn -B ${MAVEN_ARGS:-} -P installer -DskipTests package -Dinstaller.types="$types"
echo "build.sh: built in $(( $(date +%s) - start )) s"

deb=$(ls target/installer/dist/*.deb 2>/dev/null | head -1 || true)
rpm=$(ls target/installer/dist/*.rpm 2>/dev/null | head -1 || true)
if [[ -n $deb && -n $rpm ]]; then
  # regular files and links each package installs, as absolute paths (directories differ by design: the .deb
  # lists every parent, the .rpm only those it owns). Debian's share/doc/copyright is the one file by design only
  # in the .deb (an RPM carries that in its header).
  dpkg-deb -c "$deb" | awk '$1 ~ /^[-l]/ {print $6}' | sed 's|^\./|/|' | grep -v '/share/doc/copyright$' | sort \
    > target/installer/dist/deb-files.txt
  rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" 2>/dev/null | awk '$1 ~ /^[-l]/ {print $2}' | sort \
    > target/installer/dist/rpm-files.txt
  if ! diff -u target/installer/dist/deb-files.txt target/installer/dist/rpm-files.txt; then
    echo "build.sh: the .deb and the .rpm install different files (diff above)" >&2
    exit 1
  fi
  echo "build.sh: .deb and .rpm install the same $(wc -l < target/installer/dist/deb-files.txt) files"
fi
for f in $deb $rpm; do
  echo "build.sh: $f $(du -m "$f" | cut -f1) MB"
done
