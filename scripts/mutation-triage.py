#!/usr/bin/env python3
"""Summarises a Stryker.NET JSON report (mutation-report.json): the mutation score over the whole run and per file,
and, given a path fragment, the mutants that survived or were covered by no test in the matching files.

    scripts/mutation-triage.py artifacts/mutation/runtime/reports/mutation-report.json
    scripts/mutation-triage.py artifacts/mutation/runtime/reports/mutation-report.json Training/Trainer.cs

The score is (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it; the covered
score leaves out the mutants no test reaches.
"""
import collections
import json
import os
import sys


def main(report_path, fragment=None):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    root = report.get("projectRoot", "")
    totals = collections.Counter()
    per_file = collections.defaultdict(collections.Counter)
    alive = []
    for path, entry in report["files"].items():
        name = os.path.relpath(path, root) if root else path
        lines = entry["source"].splitlines()
        for mutant in entry["mutants"]:
            status = mutant["status"]
            totals[status] += 1
            per_file[name][status] += 1
            if status in ("Survived", "NoCoverage"):
                line = mutant["location"]["start"]["line"]
                alive.append((name, line, status, mutant["mutatorName"], mutant.get("replacement", "")[:80], lines[line - 1].strip()[:100]))

    detected = totals["Killed"] + totals["Timeout"]
    undetected = totals["Survived"] + totals["NoCoverage"]
    print(dict(totals))
    print(f"score {100 * detected / max(1, detected + undetected):.1f} % ({detected} of {detected + undetected})")
    print(f"covered score {100 * detected / max(1, detected + totals['Survived']):.1f} %")
    for name, counts in sorted(per_file.items(), key=lambda item: -(item[1]["Survived"] + item[1]["NoCoverage"])):
        d = counts["Killed"] + counts["Timeout"]
        u = counts["Survived"] + counts["NoCoverage"]
        if d + u:
            print(f"{name:60s} {d:5d} detected {u:4d} alive {100 * d / (d + u):6.1f} %")
    if fragment:
        for row in alive:
            if fragment in row[0]:
                print(row)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
