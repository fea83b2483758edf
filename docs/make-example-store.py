#!/usr/bin/env python3
"""Remakes Assets/example-store: eight weekly sessions of one person.

    python3 docs/make-example-store.py [YYYY-MM-DD]

The sessions are dated back from the day given (today by default), the newest
two days before it, so the example never holds a session in the future of the
day it was made. The files go through `backmap import`, so they are exactly
what backmap writes. docs/make-pictures.sh then draws README's pictures from
this store: the store is the one source of the examples.

The back eases over the weeks: the left shoulder-blade area (T5-T8) and the
right lower back (L3-L5) start tight and relax; the rest is mostly relaxed.
A fixed seed keeps the levels the same from one making to the next. Besides,
the store shows what backmap records: a second pass (session 1, where a zone
note was written at 3 and the zone then eased to 2), a session that stopped
short of the neck, a zone cleared by mistake, a partial session with a tennis
ball, one session in another time zone, notes, tags and pain before and after.
"""
import json, os, random, shutil, subprocess, sys, tempfile
from datetime import date, datetime, timedelta, timezone

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
made = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date.today()
rng = random.Random(7)
segments = [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)] + ["S1"]
home = timezone(timedelta(hours=1))
away = timezone(timedelta(hours=9))
first_day = made - timedelta(days=2 + 7 * 7)

def level(side, segment, week):
    base = 0.3
    if side == "left" and segment in ("T5", "T6", "T7", "T8"):
        base = 3.0 - week * 0.3
    if side == "right" and segment in ("L3", "L4", "L5"):
        base = 2.8 - week * 0.2
    if segment in ("T1", "T2"):
        base = 1.2
    return max(0, min(3, round(base + rng.uniform(-0.6, 0.6))))

notes = {0: "First session. Very sore between the shoulder blades after gardening.",
         3: "Only a tennis ball against the wall this week, on the sore spots.",
         4: "On a trip; rolled in the hotel.",
         7: "Much looser; the lower right still pulls a little."}
pain = [(7, 5), (6, 4), (6, 4), (5, 4), (5, 3), (4, 2), (3, 2), (3, 1)]
work = tempfile.mkdtemp()
try:
    for week in range(8):
        tz = away if week == 4 else home
        day = first_day + timedelta(days=7 * week)
        start = datetime(day.year, day.month, day.day, 19, 0, tzinfo=tz) + timedelta(minutes=rng.randint(0, 40))
        sid = start.strftime("%Y%m%d-%H%M%S") + "-%04x" % rng.randint(0, 0xFFFF)
        marks, t, first = [], start, {}

        def mark(side, segment, value, passno=1, note=None):
            global t
            t += timedelta(seconds=rng.randint(4, 9))
            first.setdefault((side, segment), value)
            m = {"at": t.isoformat(), "pass": passno, "side": side, "segment": segment, "tightness": value}
            if note:
                m["note"] = note
            marks.append(m)

        technique = "tennis-ball" if week == 3 else "skin-rolling"
        for side in ("left", "right"):
            for segment in reversed(segments):
                value = level(side, segment, week)
                if week == 3 and not ((side == "left" and segment in ("T5", "T6", "T7", "T8")) or
                                      (side == "right" and segment in ("L3", "L4", "L5"))):
                    continue  # the tennis ball only on the sore spots: a partial session
                if segment in ("T1", "T2") and week == 2:
                    continue  # the roll stopped short of the neck: those zones stay unknown
                note = "pulls away, burning feeling" if week == 0 and side == "left" and segment == "T6" else None
                mark(side, segment, 3 if note else value, note=note)
        if week == 0:
            # A second pass over the tightest zones: they ease.
            for side, segment in (("left", "T5"), ("left", "T6"), ("left", "T7"), ("right", "L4")):
                mark(side, segment, max(1, first[(side, segment)] - 1), passno=2)
        if week == 5:
            mark("right", "S1", None)  # cleared by mistake: unknown again
        session = {"format": "backmap.session", "version": 1, "id": sid, "startedAt": start.isoformat(),
                   "subject": "me", "technique": technique, "painBefore": pain[week][0],
                   "painAfter": pain[week][1], "tags": ["weekly", "travel"] if week == 4 else ["weekly"],
                   "marks": marks}
        if week in notes:
            session["note"] = notes[week]
        with open(os.path.join(work, sid + ".json"), "w", encoding="utf-8") as f:
            json.dump(session, f, ensure_ascii=False)
    store = os.path.join(root, "Assets", "example-store")
    shutil.rmtree(os.path.join(store, "sessions"), ignore_errors=True)
    files = sorted(os.path.join(work, name) for name in os.listdir(work))
    subprocess.run([os.path.join(root, ".build", "debug", "backmap"), "import", "--store", store] + files, check=True)
    # The summary index is a cache backmap rebuilds; the example ships the sessions only.
    for name in os.listdir(store):
        if name != "sessions":
            path = os.path.join(store, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
finally:
    shutil.rmtree(work)
print(f"wrote 8 sessions to Assets/example-store, the newest on {first_day + timedelta(days=49)}")
