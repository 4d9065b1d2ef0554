#!/usr/bin/env bash
# Issue 4's target, end to end: fit the default network on the DocBank samples, generate 1,000 pages from the
# default and from the fitted network, and compare both with the real pages. Prints the headline figures; the
# reports (Markdown, JSON, PNG plots) are in $OUT/compare-default and $OUT/compare-fitted.
# Usage: scripts/docbank-calibration.sh [OUT] [REAL]   (after npm ci; about 2.5 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-output/calibration}
REAL=${2:-../shared/real/docbank-samples/coco.json}
mkdir -p "$OUT"
node bin/pagesynth.js fit --real "$REAL" --labels docbank --base templates/default.yaml --out "$OUT/fitted.yaml" > "$OUT/fit.log"
head -1 "$OUT/fit.log"
for net in default fitted; do
  template=$([ "$net" = default ] && echo default || echo "$OUT/fitted.yaml")
  node bin/pagesynth.js generate --pages 1000 --seed 11 --template "$template" --labels docbank --out "$OUT/$net-1000" --overwrite --no-progress > /dev/null
  node bin/pagesynth.js compare --real "$REAL" --synthetic "$OUT/$net-1000" --labels docbank --report "$OUT/compare-$net" > "$OUT/compare-$net.log"
done
node -e '
const out = process.argv[1];
const rows = ["default", "fitted"].map((n) => [n, require(require("path").resolve(out, "compare-" + n, "compare.json"))]);
console.log("network   ks.countSize  ks.mean  AUC (all features)  AUC (network-decided features)");
for (const [n, j] of rows) console.log(n.padEnd(9), j.ks.countSize.toFixed(3).padStart(12), j.ks.mean.toFixed(3).padStart(8), j.distinguishability.auc.toFixed(3).padStart(19), j.distinguishabilityStructure.auc.toFixed(3).padStart(31));
' "$OUT"
