#!/usr/bin/env python3
"""Mean and sd over folds of validation_ua (selection UA on validation speakers) of protocol runs.

Prints validation figures only, never test metrics: design choices (feature set, trimming, grids) are made on
these numbers, and CONVENTIONS.md's "Honest numbers" forbids looking at test folds while choosing.
Usage: tools/validation_ua.py RUN_DIR [RUN_DIR ...]
"""
import glob
import json
import os
import statistics
import sys

for run in sys.argv[1:]:
    values = []
    for f in sorted(glob.glob(os.path.join(run, "folds", "*", "fold.json"))):
        with open(f) as fh:
            values.append(json.load(fh)["validation_ua"])
    if not values:
        print(f"{os.path.basename(run.rstrip('/'))}: no finished fold")
        continue
    sd = statistics.pstdev(values) if len(values) > 1 else 0.0
    print(f"{os.path.basename(run.rstrip('/'))}: validation UA {100 * statistics.mean(values):.1f} % "
          f"(sd {100 * sd:.1f}, {len(values)} folds)")
