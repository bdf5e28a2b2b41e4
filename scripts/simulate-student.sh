#!/usr/bin/env bash
# As root: scripts/simulate-student.sh [REPO] [goals, default: test all] (10-20 min; log /tmp/simulate-student.log):
# a throwaway user without sudo, apt, poppler, Debian's data or (unless KEEP_BROWSER=1) chromium runs REPO's HEAD.
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
shift || true
goals=("$@")
[ $# -gt 0 ] || goals=(test all)
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (it creates a user and bind mounts)" >&2; exit 1; }

user=a7student home=/tmp/a7student-home log=/tmp/simulate-student.log
userdel -r "$user" >/dev/null 2>&1 || true
rm -rf "$home"
useradd --home-dir "$home" --create-home --shell /bin/bash "$user"
hide=(apt-get apt apt-cache dpkg dpkg-query sudo su pdftotext pdfinfo pdfimages pdftoppm)
[ "${KEEP_BROWSER:-0}" = 1 ] || hide+=(chromium chromium-browser google-chrome)

src=/usr/share/datasets/fashion-mnist
[ -f "$src/train-images-idx3-ubyte.gz" ] || src=${FASHION_MNIST_DIR:?need Debian\'s dataset-fashion-mnist or FASHION_MNIST_DIR}
mkdir -p "$home/fashion-mnist"
cp -L "$src"/*-ubyte.gz "$home/fashion-mnist/"
git clone -q "$repo" "$home/a7"

# PATH: links to every program but the hidden ones (bash's `command -v` would still find one covered by /dev/null).
mkdir -p "$home/bin"
for p in /usr/local/bin/* /usr/bin/* /bin/*; do
  [[ " ${hide[*]} " == *" ${p##*/} "* ]] || [ -e "$home/bin/${p##*/}" ] || ln -s "$p" "$home/bin/${p##*/}"
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
rc=0
unshare -m bash "$home/.inside.sh" 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
echo "Simulation finished with exit status $rc (log: $log).  Remove the user with: userdel -r $user"
exit "$rc"
