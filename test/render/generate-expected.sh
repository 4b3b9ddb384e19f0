#!/usr/bin/env bash
# Renders every test/render/cases/*.j2 with the real ansible-core into OUT_DIR
# (default: test/render/expected). The expected files are never written by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/expected}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$here"
# A fixed environment so env lookups render the same here and in the vitest run.
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
export ANSIBLE_CONFIG="$here/ansible.cfg" ANSIBLE_STDOUT_CALLBACK=default
shards=8
inventory="$(mktemp)"
trap 'rm -f "$inventory"' EXIT
for i in $(seq 0 $((shards - 1))); do
  echo "shard$i ansible_connection=local shard=$i shards=$shards ansible_python_interpreter=auto_silent"
done >"$inventory"
ansible-playbook -i "$inventory" --forks "$shards" render-cases.yml -e "out_dir=$out" >"$out/.ansible.log" 2>&1 || {
  cat "$out/.ansible.log" >&2
  exit 1
}
rm -f "$out/.ansible.log"
