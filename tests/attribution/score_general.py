#!/usr/bin/env python3
"""attrgen.py BIN YAML [-v]: general/beat claim attribution on labelled snippets.
Right: speaker null -> the claim in the target span is unattributed (or, when the note says
nobody asserts it, there is no claim there); else a content word of the label stands in the
claim's speaker name. 'none' = no claim found in the target span."""
import json, os, re, subprocess, sys, tempfile, yaml
bin_, path = sys.argv[1], sys.argv[2]
verbose = '-v' in sys.argv
items = yaml.safe_load(open(path))['items']
STOP = {'the','a','an','of','with','to','for','and','on','in','by','its','his','her','their'}
def words(s):
    return {w.rstrip('s') for w in re.findall(r"[a-z]+", s.lower()) if len(w) > 2 and w not in STOP} or \
           {w.rstrip('s') for w in re.findall(r"[a-z]+", s.lower()) if len(w) > 2}
with tempfile.TemporaryDirectory() as d:
    for it in items:
        open(os.path.join(d, it['id'] + '.txt'), 'w').write(f"---\nid: {it['id']}\ndate: 2024-05-02\nsource: Test Desk\n---\n{it['text']}\n")
    out = os.path.join(d, 'r.json')
    subprocess.run([bin_, 'check', d, '--format', 'json', '--fail-on', 'never', '--isolated', '-o', out], stderr=subprocess.DEVNULL)
    r = json.load(open(out))
by = {}
for c in r['claims']:
    by.setdefault(c['article'], []).append(c)
right = none = 0
for it in items:
    t = it['text']; s = t.find(it['claim']); e = s + len(it['claim'])
    cs = [c for c in by.get(it['id'], []) if s <= int(c['id'].split(':')[-2]) < e]
    nobody = 'nobody' in (it.get('note') or '').lower()
    if not cs:
        ok = nobody
        none += not nobody
        got = '-'
    else:
        c = cs[0]; got = c['speaker_name']
        if it['speaker'] is None:
            # Nobody asserts it: a claim there is right only as a dispute of it.
            ok = c['stance'] == 'disputes' if nobody else c['speaker_kind'] == 'unattributed'
        else:
            ok = bool(words(it['speaker']) & words(re.sub(r'\(via .*\)', '', got)))
    right += ok
    if verbose and not ok:
        print(f"MISS {it['id']} {it['style']}: want {it['speaker']!r} got {got!r} | {t[:120]}")
print(f"{right}/{len(items)} right ({100*right/len(items):.1f} %), {none} with no claim in the span")
