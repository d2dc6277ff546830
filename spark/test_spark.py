#!/usr/bin/env python3
"""Tests that run the real engine: Spark in local mode (local[2], a task retried up to 4
times) against `claimclash check`, byte for byte in every format.

  python3 spark/test_spark.py target/release/claimclash

`.ci/run` runs it in the cached virtual environment that has PySpark. It ends with the
line `spark: N passed, N failed`.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import claimclash_spark as cs  # noqa: E402

FORMATS = ["markdown", "json", "html", "csv", "dot"]
# The shared folder sits beside the clone in CI; CLAIMCLASH_SHARED names another.
SHARED = os.environ.get("CLAIMCLASH_SHARED", os.path.join(ROOT, "..", "shared"))
FNC1 = os.path.join(SHARED, "data", "fnc1", "articles.jsonl")


def front_matter_to_jsonl(folder, to):
    """A JSON-lines copy of a folder of `.md` articles with `key: value` front matter."""
    with open(to, "w", encoding="utf-8") as out:
        for path in sorted(glob.glob(os.path.join(folder, "*.md"))):
            text = open(path, encoding="utf-8").read()
            meta, body = {}, text
            m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
            if m:
                body = m.group(2)
                for line in m.group(1).splitlines():
                    k, _, v = line.partition(":")
                    if k.strip() in ("id", "title", "date", "source", "url", "case"):
                        meta[k.strip()] = v.strip().strip('"')
            meta.setdefault("id", os.path.splitext(os.path.basename(path))[0])
            meta["text"] = body
            out.write(json.dumps(meta) + "\n")


CHECKED = {}


def check(binary, path, fmt, rules=None, general=None):
    """`check`'s report, run once per input and flags (several jobs compare with it)."""
    key = (binary, path, fmt, rules, general, os.path.getmtime(path))
    if key not in CHECKED:
        CHECKED[key] = run_check(binary, path, fmt, rules, general)
    return CHECKED[key]


def run_check(binary, path, fmt, rules, general):
    cmd = [binary, "check", path, "--format", fmt, "--color", "never", "--isolated"]
    if rules:
        cmd += ["--rules", rules]
    if general:
        cmd += ["--general", general]
    return subprocess.run(cmd, capture_output=True, check=False).stdout


def assemble(binary, lines, fmt, rules=None):
    cmd = [binary, "assemble", lines, "--format", fmt, "--color", "never", "--isolated"]
    if rules:
        cmd += ["--rules", rules]
    return subprocess.run(cmd, capture_output=True, check=False).stdout


class Suite:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.spark = cs.session("local[2,4]")
        self.spark.sparkContext.setLogLevel("ERROR")
        self.tmp = tempfile.mkdtemp(prefix="claimclash-spark-test-")
        self.timings = {}

    def job(self, path, *extra, rules=None, formats=FORMATS, name=None, binary=None, general=None):
        """The Spark job on `path`; every format of its assembled lines equals check's
        (with `general`, both read general claims so, on or off)."""
        lines = os.path.join(self.tmp, f"lines-{len(self.timings)}")
        argv = [path, "--bin", binary or self.binary, "--lines", lines,
                "--output", os.path.join(self.tmp, "report"), *extra]
        if rules:
            argv += ["--rules", rules]
        if general:
            argv += ["--general", general]
        code, timings = cs.run(self.spark, cs.parse(argv))
        self.timings[name or path] = timings
        assert code in (0, 1), f"assemble exited {code}"
        for fmt in formats:
            want = check(self.binary, path, fmt, rules, general)
            got = assemble(self.binary, lines, fmt, rules)
            assert want, f"check wrote no {fmt}"
            assert got == want, f"{fmt}: the Spark report differs from check's"
        return timings

    def test_corpus_rdd(self):
        path = os.path.join(self.tmp, "corpus.jsonl")
        front_matter_to_jsonl(os.path.join(ROOT, "tests", "corpus"), path)
        self.job(path, "--partitions", "3", name="corpus rdd")

    def test_corpus_sql(self):
        path = os.path.join(self.tmp, "corpus.jsonl")
        front_matter_to_jsonl(os.path.join(ROOT, "tests", "corpus"), path)
        self.job(path, "--mode", "sql", "--partitions", "3", name="corpus sql")

    def test_fnc1_rdd(self):
        t = self.job(FNC1, "--partitions", "4", "--reduce-partitions", "4", name="fnc1 rdd")
        # General claims are on by default and make most of the claims: the equality
        # covers them.
        report = json.loads(check(self.binary, FNC1, "json"))
        general = sum(1 for c in report["claims"] if c["source"] == "general")
        assert general > t["claims"] / 2, (general, t["claims"])
        assert report["coverage"]["general_sentences_read"] > 0

    def test_fnc1_rdd_general_off(self):
        t = self.job(FNC1, "--partitions", "3", "--reduce-partitions", "3", general="off",
                     formats=["json"], name="fnc1 rdd, general off")
        report = json.loads(check(self.binary, FNC1, "json", general="off"))
        assert t["claims"] == len(report["claims"]), t
        assert all(c["source"] == "beat" for c in report["claims"])

    def test_fnc1_sql(self):
        self.job(FNC1, "--mode", "sql", "--partitions", "2", formats=["json"], name="fnc1 sql")

    def test_fnc1_every_task_killed_once(self):
        t = self.job(FNC1, "--partitions", "4", "--reduce-partitions", "4", "--kill-first-attempt",
                     formats=["json", "markdown"], name="fnc1 killed")
        # Every task's first attempt died: the report is the same bytes all the same (every
        # format is compared in test_fnc1_rdd).
        assert t["map_tasks"] == 4

    def test_hot_block_spread_over_tiles(self):
        path = os.path.join(self.tmp, "hot.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(3000):
                day = time.strftime("%Y-%m-%d", time.gmtime(1420070400 + 86400 * ((i * 7919) % 3650)))
                neg = "not " if i % 3 == 0 else ""
                f.write(json.dumps({"id": f"h{i}", "date": day, "source": f"Wire {i % 50}",
                                    "text": f"Russian troops were {neg}pulling back from the border."}) + "\n")
        rules = os.path.join(self.tmp, "rules")
        os.makedirs(rules, exist_ok=True)
        for src in glob.glob(os.path.join(ROOT, "claims", "*.yaml")):
            text = open(src, encoding="utf-8").read().replace("max_block_claims: 200000", "max_block_claims: 400")
            open(os.path.join(rules, os.path.basename(src)), "w", encoding="utf-8").write(text)
        t = self.job(path, "--partitions", "2", "--reduce-partitions", "6", rules=rules,
                     formats=["json"], name="hot tiles")
        assert t["claims"] == 3000
        # 3,000 claims over a bound of 400: 8 chunks, 36 tiles, each reduced alone, none
        # of more than two chunks' claims.
        assert t["reduce_groups"] == 36, t
        assert t["largest_group"] < 2 * 3000 / 8 * 1.3, t

    def expect_failure(self, script, pattern):
        path = os.path.join(self.tmp, "corpus.jsonl")
        front_matter_to_jsonl(os.path.join(ROOT, "tests", "corpus"), path)
        self.wrappers = getattr(self, "wrappers", 0) + 1
        wrapper = os.path.join(self.tmp, f"claimclash-{self.wrappers}")
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write("#!/bin/sh\n" + script.replace("BIN", self.binary) + "\n")
        os.chmod(wrapper, 0o755)
        try:
            self.job(path, "--partitions", "2", binary=wrapper, name=wrapper)
        except Exception as e:  # noqa: BLE001 - the job must fail, and say where
            text = str(e)
            assert re.search(pattern, text), f"the failure does not say {pattern!r}: {text[-1500:]}"
            return
        raise AssertionError("the job did not fail")

    def test_child_that_reads_part_of_its_input_fails_the_job(self):
        self.expect_failure('head -n 3 | BIN "$@"', r"map partition \d: claimclash-\d+ map read 3 of \d+ lines fed")

    def test_child_that_stops_writing_fails_the_job(self):
        self.expect_failure('BIN "$@" | head -n 4', r"map partition \d: claimclash-\d+ map ended without a #stats trailer")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "claimclash")
    suite = Suite(binary)
    names = [n for n in dir(suite) if n.startswith("test_")]
    if len(sys.argv) > 2:
        names = [n for n in names if any(a in n for a in sys.argv[2:])]
    passed = failed = skipped = 0
    started = time.time()
    for name in sorted(names):
        if "fnc1" in name and not os.path.exists(FNC1):
            print(f"skip {name}: {FNC1} is not beside the clone")
            skipped += 1
            continue
        t = time.time()
        try:
            getattr(suite, name)()
            passed += 1
            print(f"ok   {name} ({time.time() - t:.1f} s)", flush=True)
        except Exception:  # noqa: BLE001 - report every failure, go on
            failed += 1
            print(f"FAIL {name} ({time.time() - t:.1f} s)\n{traceback.format_exc()[-3000:]}", flush=True)
    suite.spark.stop()
    for name, t in suite.timings.items():
        if "job_s" in t:
            print(f"     {name}: {json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in t.items()})}")
    print(f"Spark tests took {time.time() - started:.0f} s")
    print(f"spark: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
