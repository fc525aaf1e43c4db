#!/bin/sh
# Install the system packages mktorg needs when they are missing: Graphviz (dot), a CJK font,
# and Python's venv module. Uses apt-get on Debian/Ubuntu (as root or through sudo);
# elsewhere prints the command to run.
set -eu

missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
if ! (command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .); then
    missing="$missing fonts-noto-cjk"
fi
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$missing python3-venv"
[ -n "$missing" ] || exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "mktorg: missing system packages:$missing; run as root: apt-get install -y$missing" >&2
        exit 1
    fi
    echo "mktorg: installing system packages:$missing"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing fontconfig >/dev/null
    exit 0
fi
if command -v brew >/dev/null 2>&1; then
    echo "mktorg: missing:$missing; install them with: brew install graphviz && brew install --cask font-noto-sans-cjk-sc" >&2
else
    echo "mktorg: missing:$missing; install Graphviz (https://graphviz.org/download/) and a CJK font (Noto Sans CJK SC)" >&2
fi
exit 1
