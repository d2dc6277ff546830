#!/usr/bin/env python3
"""Throughput of the line protocol and of the Spark job beside `check`, on one JSONL file.

  python3 spark/bench_spark.py FILE.jsonl [target/release/claimclash]

Prints articles per second for: `check`; `map` alone; `sort | reduce` of its output; the
whole pipe on one machine; the Spark job in local[2] (its map stage, its tile + shuffle +
reduce stage, and end to end after the session is up); and the overhead per Spark task
(an empty partition through the binary). Times are wall clock on whatever the machine is
doing: run it once, on a quiet machine if you can.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import claimclash_spark as cs  # noqa: E402


def timed(cmd):
    t = time.time()
    subprocess.run(["bash", "-euo", "pipefail", "-c", cmd], check=True, env={**os.environ, "LC_ALL": "C"})
    return time.time() - t


def main():
    path = os.path.abspath(sys.argv[1])
    exe = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "target/release/claimclash")
    articles = sum(1 for _ in open(path, encoding="utf-8"))
    mb = os.path.getsize(path) / 1e6
    tmp = tempfile.mkdtemp(prefix="claimclash-bench-")
    m, r = os.path.join(tmp, "m"), os.path.join(tmp, "r")
    rows = []
    rows.append(("check", timed(f"'{exe}' check '{path}' --format json --isolated > /dev/null || [ $? = 1 ]")))
    rows.append(("map", timed(f"'{exe}' map --isolated --name '{path}' < '{path}' > {m}")))
    claims = sum(1 for line in open(m, encoding="utf-8") if not line.startswith("#"))
    rows.append(("sort | reduce", timed(f"sort -t$'\\t' -k1,1 -s {m} | '{exe}' reduce --isolated > {r}")))
    rows.append(("assemble", timed(f"'{exe}' assemble --isolated --format json < {r} > /dev/null || [ $? = 1 ]")))
    rows.append(("map | sort | reduce | assemble", timed(
        f"'{exe}' map --isolated < '{path}' | sort -t$'\\t' -k1,1 -s | '{exe}' reduce --isolated"
        f" | '{exe}' assemble --isolated --format json > /dev/null || [ $? = 1 ]")))
    t = time.time()
    spark = cs.session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.time() - t
    args = cs.parse([path, "--bin", exe, "--format", "json", "--output", os.path.join(tmp, "report.json"),
                     "--overhead"])
    _, timings = cs.run(spark, args)
    spark.stop()
    rows.append(("Spark map stage (count lines + map)", timings["count_lines_s"] + timings["map_s"]))
    rows.append(("Spark tile + shuffle + reduce", timings["reduce_s"]))
    rows.append(("Spark job, session up", timings["job_s"]))
    print(f"\n{articles:,} articles ({mb:.1f} MB), {claims:,} claims; local[2], {timings['map_tasks']} map and "
          f"{timings['reduce_tasks']} reduce tasks; session start {startup:.1f} s\n")
    print(f"{'step':<40} {'wall s':>8} {'articles/s':>12}")
    for name, secs in rows:
        print(f"{name:<40} {secs:>8.2f} {articles / secs:>12,.0f}")
    print(f"{'Spark overhead per task (empty partition)':<40} {timings['overhead_per_task_s'] * 1000:>7.0f} ms")
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
