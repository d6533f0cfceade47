#!/usr/bin/env bash
# Which tool fields BM25 and the dense retriever should index by default: S@5 / S@10 / NDCG@10 of each field set
# on MTRB's RestBench and MetaTool test sets and on two public function-calling catalogs of another kind (BFCL v4
# `multiple` and `live_multiple`, with their possible_answer files as gold). Prints one markdown table.
#
# Usage: benchmarks/default-fields.sh SHARED_DIR BFCL_DATA_DIR [WORK_DIR]
#   SHARED_DIR     the folder holding datasets/mtrb (../shared here)
#   BFCL_DATA_DIR  a folder with BFCL_v4_multiple.json, BFCL_v4_live_multiple.json and their .answer.json files
#                  (berkeley-function-call-leaderboard/bfcl_eval/data in github.com/ShishirPatil/gorilla)
# Set J to the command that runs QTA Studio (default: java -jar target/qta-studio.jar); RETRIEVERS (default
# "bm25 dense") and FIELDS (space-separated field lists) narrow the run.
set -euo pipefail
shared=${1:?SHARED_DIR}; bfcl=${2:?BFCL_DATA_DIR}; work=${3:-$(mktemp -d)}
J=${J:-java -jar target/qta-studio.jar}
mkdir -p "$work"
ws="$work/fields.qta"
rm -f "$ws" "$ws"-wal "$ws"-shm; rm -rf "$ws"-data "${ws%.qta}.qta-data"

$J import -w "$ws" "$shared/datasets/mtrb/restbench" >/dev/null
$J import -w "$ws" "$shared/datasets/mtrb/metatool" >/dev/null
for set in multiple live_multiple; do
  $J import -w "$ws" -c "bfcl-$set" --answers "$bfcl/BFCL_v4_$set.answer.json" "$bfcl/BFCL_v4_$set.json" >/dev/null
done

catalogs=("mtrb-restbench:test" "mtrb-metatool:test" "bfcl-multiple:all" "bfcl-live_multiple:all")
fields_list=("description" "method,path,description" "name,description" "name,method,path,description"
             "name,description,parameters" "name,method,path,description,parameters")
if [ -n "${FIELDS:-}" ]; then read -r -a fields_list <<<"$FIELDS"; fi
retrievers=${RETRIEVERS:-"bm25 dense"}

printf '| retriever | fields |'; for c in "${catalogs[@]}"; do printf ' %s S@5 | S@10 | N@10 |' "${c%%:*}"; done; echo
printf '|---|---|'; for c in "${catalogs[@]}"; do printf -- '---|---|---|'; done; echo
for r in $retrievers; do
  for f in "${fields_list[@]}"; do
    printf '| %s | %s |' "$r" "$f"
    for c in "${catalogs[@]}"; do
      json=$($J eval -w "$ws" -c "${c%%:*}" --split "${c##*:}" --retriever "$r" --text-fields "$f" --k 5,10 --format json)
      python3 -c 'import json,sys; m=json.load(sys.stdin); print(" %.2f | %.2f | %.2f |" % (m["S@5"], m["S@10"], m["NDCG@10"]), end="")' <<<"$json"
    done
    echo
  done
done
