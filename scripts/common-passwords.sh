#!/usr/bin/env bash
# Rebuilds src/Amani/Foundation/Users/Passwords/common-passwords.txt.gz from the npm package @zxcvbn-ts/language-common
# (MIT): one password a line, most common first, lower case. For maintainers only: the build and the application never
# run this, and never reach the network for the list (it is committed). See the README.md beside the list.
set -euo pipefail
version="${1:-4.1.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/Amani/Foundation/Users/Passwords/common-passwords.txt.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@zxcvbn-ts/language-common@$version" >/dev/null && tar xzf ./*.tgz)
node -e '
  const list = require(process.argv[1]);
  process.stdout.write(list.map(p => p.trim().toLowerCase()).join("\n") + "\n");
' "$work/package/src/passwords.json" > "$work/common-passwords.txt"
gzip -9 -n -c "$work/common-passwords.txt" > "$target"
cp "$work/package/LICENSE.txt" "$(dirname "$target")/LICENSE-zxcvbn-ts.txt"
echo "$(wc -l < "$work/common-passwords.txt") passwords written to $target"
