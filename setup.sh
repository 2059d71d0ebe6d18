#!/usr/bin/env bash
# borrowck set-up: installs the Debian packages it needs (when missing),
# configures and builds with CMake + Ninja, then
#   ./setup.sh        runs borrowck on the bundled examples/
#   ./setup.sh test   also installs neovim (the editor test) and builds and runs
#                     every test (lit, rules/, unit tests)
#   ./setup.sh realworld  also installs nlohmann-json3-dev and libspdlog-dev
#                     (header-only inputs of scripts/realworld.py, not needed to
#                     build or test) and runs scripts/realworld.py
# Environment: BUILD_DIR (default: build), JOBS (default: all cores).
set -euo pipefail

cd "$(dirname "$0")"
mode=${1:-examples}
build=${BUILD_DIR:-build}

packages=(cmake ninja-build python3 llvm-22-dev libclang-22-dev clang-22 llvm-22-tools libfmt-dev libgtest-dev)
[[ $mode == realworld ]] && packages+=(googletest nlohmann-json3-dev libspdlog-dev)
# The editor test (test/lit/lsp/neovim.test) runs Neovim's built-in LSP client.
[[ $mode == test ]] && packages+=(neovim)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then SUDO=sudo; else
      echo "setup: error: missing packages (${missing[*]}); run as root or install them with apt-get" >&2
      exit 2
    fi
  else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo "setup: error: apt-get could not install: ${missing[*]}" >&2
    echo "setup: LLVM 22 comes from Debian 12's security suite (bookworm-security); check /etc/apt/sources.list" >&2
    exit 2
  fi
fi

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" ${JOBS:+-j "$JOBS"}

case $mode in
  examples)
    echo "setup: done. borrowck on examples/:"
    status=0
    "$build/bin/borrowck" examples/*.cpp -- || status=$?
    # 1 means findings: that is what the examples are for.
    [[ $status -le 1 ]] ;;
  test)
    cmake --build "$build" --target check ;;
  realworld)
    python3 scripts/realworld.py --borrowck "$build/bin/borrowck" ;;
  *)
    echo "usage: $0 [examples|test|realworld]" >&2; exit 2 ;;
esac
