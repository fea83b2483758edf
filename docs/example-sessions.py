#!/usr/bin/env python3
"""Writes eight weekly skin-rolling sessions of one person into STORE/sessions.

The back eases over the weeks: the left shoulder-blade area (T5-T8) and the
right lower back (L3-L5) start tight and relax; the rest is mostly relaxed.
A fixed seed keeps the files, and so the pictures made from them, the same.
"""
import json, os, random, sys
from datetime import datetime, timedelta, timezone

store = sys.argv[1]
os.makedirs(os.path.join(store, "sessions"), mode=0o700, exist_ok=True)
rng = random.Random(7)
segments = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
tz = timezone(timedelta(hours=1))

def level(side, segment, week):
    base = 0.3
    if side == "left" and segment in ("T5", "T6", "T7", "T8"):
        base = 3.0 - week * 0.3
    if side == "right" and segment in ("L3", "L4", "L5"):
        base = 2.8 - week * 0.2
    if segment in ("T1", "T2") :
        base = 1.2
    return max(0, min(3, round(base + rng.uniform(-0.6, 0.6))))

notes = {0: "First session. Very sore between the shoulder blades after gardening.",
         3: "Easier to lift the skin on the left now.",
         7: "Much looser; the lower right still pulls a little."}
pain = [(7, 5), (6, 4), (6, 4), (5, 3), (5, 3), (4, 2), (3, 2), (3, 1)]
for week in range(8):
    start = datetime(2026, 9, 7, 19, 0, tzinfo=tz) + timedelta(days=7 * week, minutes=rng.randint(0, 40))
    sid = start.strftime("%Y%m%d-%H%M%S") + "-%04x" % rng.randint(0, 0xFFFF)
    marks, t = [], start
    for side in ("left", "right"):
        for segment in reversed(segments):
            # Now and then the roll stops short of the neck: those zones stay unknown.
            if segment in ("T1", "T2") and week % 3 == 1:
                continue
            t += timedelta(seconds=rng.randint(4, 9))
            mark = {"at": t.isoformat(), "pass": 1, "side": side, "segment": segment,
                    "tightness": level(side, segment, week)}
            if week == 0 and side == "left" and segment == "T6":
                mark["note"] = "pulls away, burning feeling"
            marks.append(mark)
    session = {"format": "backmap.session", "version": 1, "id": sid, "startedAt": start.isoformat(),
               "subject": "me", "technique": "skin-rolling", "painBefore": pain[week][0],
               "painAfter": pain[week][1], "tags": ["weekly"], "marks": marks}
    if week in notes:
        session["note"] = notes[week]
    path = os.path.join(store, "sessions", sid + ".json")
    with open(path, "w") as f:
        json.dump(session, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    os.chmod(path, 0o600)
