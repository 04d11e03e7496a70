#!/usr/bin/env python3
"""Checks the seed's extract expectations (must and should) against `pressline process --stages extract`.

The seed's body (its first 12 lines, as the clean stage leaves them) is extracted with the publication date
2025-03-01; every item of ../shared/seed/*.expected.json's "extract" section is then checked and printed.
Exit status 1 when a "must" item fails. Usage: scripts/check-seed-extract.py BIN_DIR SEED_DIR
"""
import glob, json, os, subprocess, sys

bin_dir, seed_dir = sys.argv[1], sys.argv[2]
expected_path = glob.glob(os.path.join(seed_dir, "*.expected.json"))[0]
expected = json.load(open(expected_path))
text = open(os.path.join(seed_dir, expected["input"]), encoding="utf-8").read()
body = "\n\n".join(text.split("\n")[:12])
line = json.dumps({"doc": "seed", "text": body, "published": "2025-03-01"})
out = subprocess.run([os.path.join(bin_dir, "pressline"), "process", "--stages", "extract", "--jsonl", "-"],
                     input=line, capture_output=True, text=True, check=True).stdout
record = json.loads(out)
people = {p["name"]: p for p in record["people"]}
failures = {"must": 0, "should": 0}


def check(level, ok, what):
    print(f"  {'ok  ' if ok else 'FAIL'} {level:<6} {what}")
    if not ok:
        failures[level] += 1


must, should = expected["extract"]["must"], expected["extract"]["should"]
for person in must["people"]:
    found = people.get(person["name"])
    detail = f"person {person['name']}"
    if "role" in person:
        detail += f", role {person['role']!r}"
    if "mentions_at_least" in person:
        detail += f", ≥ {person['mentions_at_least']} mentions"
    ok = found is not None
    ok = ok and ("role" not in person or any(r.lower() == person["role"].lower() for r in found["roles"]))
    ok = ok and found["mentions"] >= person.get("mentions_at_least", 0)
    check("must", ok, detail + ("" if ok else f" (got {found})"))
for kind, key in (("organization", "organizations"), ("place", "places")):
    names = {e["name"] for e in record[key]}
    for name in must[key]:
        check("must", name in names, f"{kind} {name}")
for wrong in must["not_people"]:
    check("must", wrong not in people, f"not a person: {wrong}")
quotes = record["quotes"]
for quote in must["quotes"]:
    found = next((q for q in quotes if q["text"].startswith(quote["starts"])), None)
    check("must", found is not None and found.get("speaker") == quote["speaker"],
          f"quote '{quote['starts'][:40]}…' by {quote['speaker']}" + ("" if found else " (not found)"))
for date in must["dates"]:
    value = f"2025-{date['month']:02d}-{date['day']:02d}"
    check("must", any(d["text"] == date["text"] and d.get("value") == value for d in record["dates"]), f"date {date['text']} = {value}")
for extra in should["people_roles_extra"]:
    wanted = extra.get("role") or extra.get("affiliation")
    found = people.get(extra["name"])
    check("should", found is not None and any(wanted.lower() in r.lower() for r in found["roles"]), f"{extra['name']}: {wanted}")
for partial in should["quotes_partial"]:
    found = next((q for q in record.get("fragments", []) if q["text"].startswith(partial["text"])), None)
    check("should", found is not None and found.get("speaker") == partial["speaker"], f"partial quote {partial['text']!r} by {partial['speaker']}")
for medium in should["quote_medium"]:
    found = next((q for q in quotes if q["text"].startswith(medium["starts"])), None)
    check("should", found is not None and found.get("medium") == medium["medium"], f"medium {medium['medium']} for '{medium['starts'][:30]}…'")
for text, value in should["dates_resolved_when_published_2025_03_01"].items():
    check("should", any(d["text"] == text and d.get("value") == value for d in record["dates"]), f"date {text} resolved to {value}")
print(f"seed: {failures['must']} must and {failures['should']} should items fail")
sys.exit(1 if failures["must"] else 0)
