#!/usr/bin/env bash
# Copies one fold's trained model out of a run folder into a committed place, with what makes its numbers traceable:
# the run's manifest and leaderboard entry, the fold's description and its held-out test report and predictions.
#   tools/publish-model.sh RUN_FOLDER FOLD DESTINATION
set -euo pipefail
run=${1:?run folder}; fold=${2:?fold name}; dest=${3:?destination folder}
src="$run/folds/$fold"
[ -d "$src/model" ] || { echo "publish-model: no model in '$src'" >&2; exit 1; }
[ -f "$run/manifest.json" ] || { echo "publish-model: '$run' has no manifest.json" >&2; exit 1; }
tmp="$dest.tmp.$$"
rm -rf "$tmp" && mkdir -p "$tmp"
cp -r "$src/model/." "$tmp/"
cp "$run/manifest.json" "$run/leaderboard_entry.json" "$src/fold.json" "$tmp/"
for f in test_metrics.json test_confusion.csv test_confusion.png test_predictions.csv; do
  [ -f "$src/$f" ] && cp "$src/$f" "$tmp/"
done
# Replace the old copy only once the new one is complete.
rm -rf "$dest" && mv "$tmp" "$dest"
echo "$dest/ from $run ($(du -sh "$dest" | cut -f1))"
