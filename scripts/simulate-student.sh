#!/usr/bin/env bash
# A student's machine, simulated on this Debian box (run as root; not part of `make test`, which it runs):
#   * a throwaway user without root or sudo, with a fresh HOME;
#   * apt-get, dpkg, sudo, poppler and (unless KEEP_BROWSER=1) chromium hidden: the user's PATH is a folder of links
#     to everything in /usr/bin except those, and in a private mount namespace (unshare -m; nothing
#     changes outside it) the programs themselves are covered by /dev/null, chromium's folder and
#     Debian's Fashion-MNIST folder by an empty one;
#   * FASHION_MNIST_DIR pointing at a copy of the four files;
#   * a fresh clone of this repository (its committed HEAD), then `make test` and `make`.
# pip still reaches the package index (the fresh venv needs it).
#
#   scripts/simulate-student.sh [REPO] [make goals...]      default: this repository; goals "test all"
#
# Prints each step's output; the whole log also goes to /tmp/simulate-student.log.  Takes about
# 10-20 minutes (a fresh venv, the test suite, both notebooks in full).
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
shift || true
goals=("${@:-test}")
[ $# -gt 0 ] || goals=(test all)
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (it creates a user and bind mounts)" >&2; exit 1; }
log=/tmp/simulate-student.log

user=a7student
home=/tmp/a7student-home
userdel -r "$user" >/dev/null 2>&1 || true
rm -rf "$home"
useradd --home-dir "$home" --create-home --shell /bin/bash "$user"
hide=(apt-get apt apt-cache dpkg dpkg-query sudo su pdftotext pdfinfo pdfimages pdftoppm)
[ "${KEEP_BROWSER:-0}" = 1 ] || hide+=(chromium chromium-browser google-chrome)

# The data, as a student who downloaded the four files would have them.
src=/usr/share/datasets/fashion-mnist
[ -f "$src/train-images-idx3-ubyte.gz" ] || src=${FASHION_MNIST_DIR:?need Debian\'s dataset-fashion-mnist or FASHION_MNIST_DIR}
mkdir -p "$home/fashion-mnist"
cp -L "$src"/*-ubyte.gz "$home/fashion-mnist/"
git clone -q "$repo" "$home/a7"

# PATH: links to every program in /usr/bin and /bin but the hidden ones (bash's `command -v` would
# still find a program covered by /dev/null).
mkdir -p "$home/bin"
for dir in /usr/local/bin /usr/bin /bin; do
  for p in "$dir"/*; do
    name=${p##*/}
    [[ " ${hide[*]} " == *" $name "* ]] && continue
    [ -e "$home/bin/$name" ] || ln -s "$p" "$home/bin/$name"
  done
done
chown -R "$user:$user" "$home"
cat > "$home/.inside.sh" <<INSIDE
set -euo pipefail
for t in ${hide[*]}; do
  for p in /usr/bin/\$t /bin/\$t /usr/sbin/\$t /usr/local/bin/\$t; do
    [ -e "\$p" ] && mount --bind /dev/null "\$(readlink -f "\$p")" 2>/dev/null || true
  done
done
empty=\$(mktemp -d); chmod 755 "\$empty"
mount --bind "\$empty" /usr/share/datasets
[ "${KEEP_BROWSER:-0}" = 1 ] || mount --bind "\$empty" /usr/lib/chromium
exec runuser -u $user -- env -i HOME=$home USER=$user LOGNAME=$user SHELL=/bin/bash LANG=C.UTF-8 \
  PATH=$home/bin FASHION_MNIST_DIR=$home/fashion-mnist \
  bash -c 'cd ~/a7 && echo "--- as \$(id -un) (uid \$(id -u)), no: \$(for t in apt-get dpkg sudo chromium pdftotext; do command -v \$t >/dev/null || printf "%s " \$t; done)" &&
           ls /usr/share/datasets | wc -l | xargs echo "--- files in /usr/share/datasets:" &&
           rc=0; for g in ${goals[*]}; do echo "=== make \$g"; start=\$(date +%s); make \$g; r=\$?; [ \$r -eq 0 ] || rc=\$r; echo "=== make \$g: exit status \$r after \$((\$(date +%s) - start)) s"; done; exit \$rc'
INSIDE
echo "Simulating a student's machine: user $user, HOME $home, fresh clone of $repo ($(git -C "$repo" rev-parse --short HEAD))"
set +e
unshare -m bash "$home/.inside.sh" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
echo "Simulation finished with exit status $rc (log: $log).  Remove the user with: userdel -r $user"
exit "$rc"
