#!/usr/bin/env python3
"""claimclash on Apache Spark: the report of `claimclash check FILE`, from a cluster.

The job runs the claimclash binary as a child process per partition and speaks its line
protocol (see "Running on Spark" in the README):

  1. map     every input partition through `claimclash map` (JSON lines in, claim lines
             out); the `#stats` trailer must count the lines fed, or the task fails naming
             its partition (a child that stops early must not lose data silently);
  2. tile    claim counts per key decide which blocks are larger than the pack's bound;
             `claimclash tile` spreads their claims over tiles (other lines pass);
  3. shuffle by key, with a stable partitioner (crc32 of the key, not Python's hash);
  4. reduce  every shuffle partition, sorted so each key's lines are adjacent, through
             `claimclash reduce`, trailer checked the same way;
  5. assemble the `#article`/`#problem` lines of the map and everything the reduce wrote
             into one report, written once, by `claimclash assemble` on the driver.

Two wirings: `--mode rdd` (default, the RDD API) and `--mode sql` (SELECT TRANSFORM …
USING, CLUSTER BY key: no Python in the data path, for Spark Connect platforms without
RDDs). Threads per child follow `spark.task.cpus`.

  python3 spark/claimclash_spark.py articles.jsonl --bin target/release/claimclash \
      --format json --output report.json
  spark-submit --master yarn --files claimclash spark/claimclash_spark.py \
      hdfs:///news/articles.jsonl --bin claimclash --output report.md
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from pyspark import AccumulatorParam, SparkFiles, StorageLevel, TaskContext
from pyspark.sql import SparkSession

STATS = "#stats"


class TrailerMismatch(RuntimeError):
    """A child's output is not whole: it stopped early, or a line was lost."""


class MaxParam(AccumulatorParam):
    """An accumulator that keeps the largest value."""

    def zero(self, value):
        return 0

    def addInPlace(self, a, b):
        return max(a, b)


# Claims per reduce partition when --reduce-partitions is not given.
CLAIMS_PER_REDUCE = 25_000


def key_partition(key):
    """Stable across processes and Python versions (portable_hash is neither)."""
    return zlib.crc32(key.encode("utf-8"))


def run_child(argv, lines, where, kill_first_attempt=False, on_stats=None):
    """Feeds `lines` to the child, yields its output lines but the trailer, and fails
    (naming `where`) unless the child exits 0 with a `#stats` trailer that counts every
    line fed and every line written. `kill_first_attempt` (a test hook) kills the child
    of a task's first attempt after its first line, before the rest."""
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    child = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    ctx = TaskContext.get()
    kill = kill_first_attempt and ctx is not None and ctx.attemptNumber() == 0
    fed = [0]
    feed_error = []
    err_chunks = []

    def feed():
        try:
            for line in lines:
                child.stdin.write(line.encode("utf-8"))
                child.stdin.write(b"\n")
                fed[0] += 1
                if kill and fed[0] == 1:
                    child.kill()
            child.stdin.close()
        except (BrokenPipeError, OSError) as e:
            feed_error.append(e)

    def drain_err():
        err_chunks.append(child.stderr.read())

    writer = threading.Thread(target=feed, daemon=True)
    errs = threading.Thread(target=drain_err, daemon=True)
    writer.start()
    errs.start()
    out = 0
    last = None
    for raw in child.stdout:
        if last is not None:
            out += 1
            yield last
        last = raw.decode("utf-8").rstrip("\n")
    writer.join()
    code = child.wait()
    errs.join()
    stderr = b"".join(err_chunks).decode("utf-8", "replace").strip()
    name = os.path.basename(argv[0]) + " " + argv[1]
    if code != 0:
        raise TrailerMismatch(f"{where}: {name} exited with {code} after {fed[0]} lines fed: {stderr[-2000:]}")
    if last is None or not last.startswith(STATS + "\t"):
        raise TrailerMismatch(f"{where}: {name} ended without a #stats trailer ({fed[0]} lines fed, {out} written)")
    stats = json.loads(last.split("\t", 1)[1])
    if feed_error or stats["in"] != fed[0] or stats["out"] != out:
        raise TrailerMismatch(
            f"{where}: {name} read {stats['in']} of {fed[0]} lines fed and wrote "
            f"{stats['out']} lines, {out} of them received{'; ' + str(feed_error[0]) if feed_error else ''}"
        )
    if on_stats is not None:
        on_stats(stats)


def binary(name):
    """The binary on an executor: shipped with addFile / --files, else the path as given."""
    try:
        path = SparkFiles.get(name)
        if os.path.exists(path):
            return path
    except Exception:  # noqa: BLE001 - no SparkFiles outside a task
        pass
    return name


def session(master=None):
    """A session bound to the loopback address in local mode, with no UI."""
    builder = SparkSession.builder.appName("claimclash")
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[2]"  # run with python3, not spark-submit
    if master:
        builder = builder.master(master)
    local = master is not None and master.startswith("local")
    conf = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.adaptive.coalescePartitions.enabled": "false",
        "spark.python.worker.reuse": "true",
    }
    if local:
        # Everything on the loopback address: no port of the job is reachable from outside.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        conf.update({"spark.driver.bindAddress": "127.0.0.1", "spark.driver.host": "127.0.0.1"})
    for k, v in conf.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


def line_offsets(counts):
    """The first line (1-based) of each partition, from the lines of each."""
    first, at = [], 1
    for n in counts:
        first.append(at)
        at += n
    return first


def rdd_job(spark, args, rule_args, timings):
    sc = spark.sparkContext
    sc.addFile(args.bin)
    # The functions below run on the executors, which import them from this file.
    sc.addPyFile(os.path.abspath(__file__))
    exe = os.path.basename(args.bin)
    cpus = sc.getConf().get("spark.task.cpus", "1")
    name = args.name or args.input
    kill = args.kill_first_attempt
    lines = sc.textFile(args.input, args.partitions)
    t = time.time()
    counts = lines.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
    first = line_offsets(counts)
    timings["count_lines_s"] = time.time() - t

    def do_map(index, it):
        argv = [binary(exe), "map", "--name", name, "--first-line", str(first[index]), "--jobs", cpus,
                *rule_args, *map_args(args)]
        return run_child(argv, it, f"map partition {index}", kill)

    t = time.time()
    # The map's lines are read twice (claims per key, then the shuffle); what memory cannot
    # hold goes to disk, never recomputed, never lost.
    mapped = lines.mapPartitionsWithIndex(do_map).persist(StorageLevel.MEMORY_AND_DISK)
    keyed = mapped.filter(lambda l: not l.startswith("#"))
    per_key = keyed.map(lambda l: (l.split("\t", 1)[0], 1)).reduceByKey(lambda a, b: a + b).collect()
    timings["map_s"] = time.time() - t
    timings["claims"] = sum(n for _, n in per_key)
    timings["articles"] = sum(counts)
    timings["map_tasks"] = lines.getNumPartitions()

    tmp = tempfile.mkdtemp(prefix="claimclash-spark-")
    # A name of its own: Spark refuses a second file of one name from another path.
    counts_name = f"counts-{os.path.basename(tmp)}.tsv"
    counts_file = os.path.join(tmp, counts_name)
    with open(counts_file, "w", encoding="utf-8") as f:
        for k, n in sorted(per_key):
            f.write(f"{k}\t{n}\n")
    sc.addFile(counts_file)

    def do_tile(index, it):
        argv = [binary(exe), "tile", "--counts", binary(counts_name), "--jobs", cpus, *rule_args]
        return run_child(argv, it, f"tile partition {index}", kill)

    groups = sc.accumulator(0)
    largest = sc.accumulator(0, MaxParam())

    def count_groups(stats):
        groups.add(stats["groups"])
        largest.add(stats["max_group"])

    def do_reduce(index, it):
        argv = [binary(exe), "reduce", "--jobs", cpus, *rule_args]
        return run_child(argv, (line for _, line in it), f"reduce partition {index}", kill, count_groups)

    t = time.time()
    # Every reduce partition's lines come to the driver one partition at a time: keep each
    # to some 25,000 claims (about 30 MB of lines) so the driver's heap holds it.
    reduce_parts = args.reduce_partitions or max(
        2, lines.getNumPartitions(), -(-timings["claims"] // CLAIMS_PER_REDUCE))
    tiled = keyed.mapPartitionsWithIndex(do_tile).filter(lambda l: not l.startswith("#"))
    shuffled = tiled.map(lambda l: (l.split("\t", 1)[0], l)).repartitionAndSortWithinPartitions(
        reduce_parts, partitionFunc=key_partition
    )
    reduced = shuffled.mapPartitionsWithIndex(do_reduce)
    meta = mapped.filter(lambda l: l.startswith("#"))
    report_lines = os.path.join(tmp, "lines")
    with open(report_lines, "w", encoding="utf-8") as f:
        for line in meta.union(reduced).toLocalIterator():
            f.write(line)
            f.write("\n")
    timings["reduce_s"] = time.time() - t
    timings["reduce_tasks"] = reduce_parts
    timings["reduce_groups"] = groups.value
    timings["largest_group"] = largest.value
    mapped.unpersist()
    return report_lines


def sql_job(spark, args, rule_args, timings):
    """The same job in SQL: TRANSFORM through the binary, CLUSTER BY key."""
    run_id = f"{os.getpid()}_{int(time.time() * 1000)}"
    mapped, reduced = f"claimclash_mapped_{run_id}", f"claimclash_reduced_{run_id}"
    spark.conf.set("spark.sql.shuffle.partitions", str(args.reduce_partitions or 4))
    cpus = spark.conf.get("spark.task.cpus", "1")
    exe = os.path.abspath(args.bin) if os.path.exists(args.bin) else args.bin
    name = args.name or args.input
    rules = " ".join(rule_args)
    if args.partitions:
        spark.conf.set("spark.sql.files.minPartitionNum", str(args.partitions))
        spark.conf.set("spark.sql.files.openCostInBytes", "0")
    text = spark.read.text(args.input)
    text.createOrReplaceTempView("input_lines")
    t = time.time()
    # Each partition's lines in file order: its first line number, then the map.
    counts = dict(spark.sql(
        "SELECT spark_partition_id() AS p, count(*) AS n FROM input_lines GROUP BY 1").collect())
    parts = max(counts) + 1 if counts else 0
    first = line_offsets([counts.get(p, 0) for p in range(parts)])
    offsets = ", ".join(f"{p}, {first[p]}" for p in range(parts)) or "0, 1"
    # The first row gives the partition's first line number; every row loses its number.
    run_map = f"'{exe}' map --name '{name}' --jobs {cpus} {rules} {' '.join(map_args(args))}"
    map_cmd = (f"if IFS= read -r n; then first=$(printf '%s\\n' \"$n\" | cut -f1); "
               f"{{ printf '%s\\n' \"$n\"; cat; }} | cut -f2- | {run_map} --first-line \"$first\"; "
               f"else {run_map} < /dev/null; fi")
    map_sql = map_cmd.replace('"', '\\"')
    spark.sql(f"""
        CACHE TABLE {mapped} AS
        SELECT TRANSFORM(line_no, value)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
          USING "{map_sql}"
          AS (key STRING, claim STRING)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
        FROM (SELECT value, element_at(map({offsets}), spark_partition_id())
                      + (monotonically_increasing_id() - (CAST(spark_partition_id() AS BIGINT) << 33)) AS line_no
              FROM input_lines)""")
    check_trailers(spark, mapped, "map", counts)
    timings["map_s"] = time.time() - t
    timings["articles"] = sum(counts.values())
    timings["map_tasks"] = parts
    t = time.time()
    spark.sql(f"""
        CACHE TABLE {reduced} AS
        SELECT TRANSFORM(key, claim)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
          USING "'{exe}' reduce --jobs {cpus} {rules}"
          AS (key STRING, claim STRING)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
        FROM (SELECT key, claim FROM {mapped} WHERE key NOT LIKE '#%' CLUSTER BY key)""")
    keyed = spark.sql(f"SELECT count(*) FROM {mapped} WHERE key NOT LIKE '#%'").collect()[0][0]
    check_trailers(spark, reduced, "reduce", None, keyed, int(spark.conf.get("spark.sql.shuffle.partitions")))
    tmp = tempfile.mkdtemp(prefix="claimclash-spark-")
    report_lines = os.path.join(tmp, "lines")
    rows = spark.sql(f"""SELECT key, claim FROM {mapped} WHERE key LIKE '#%' AND key <> '#stats'
                         UNION ALL SELECT key, claim FROM {reduced} WHERE key <> '#stats'""")
    with open(report_lines, "w", encoding="utf-8") as f:
        for key, claim in rows.toLocalIterator():
            f.write(f"{key}\t{claim}\n")
    for table in (reduced, mapped):
        spark.sql(f"UNCACHE TABLE IF EXISTS {table}")
        spark.catalog.dropTempView(table)
    timings["reduce_s"] = time.time() - t
    timings["claims"] = keyed
    return report_lines


def check_trailers(spark, table, role, fed_per_partition, fed_total=None, partitions=None):
    """Fails naming the partition whose child's trailer does not count what it was fed."""
    stats = spark.sql(f"SELECT spark_partition_id() AS p, claim FROM {table} WHERE key = '#stats'").collect()
    by_part = {}
    for p, claim in stats:
        by_part[p] = json.loads(claim)
    if fed_per_partition is not None:
        for p, n in sorted(fed_per_partition.items()):
            s = by_part.get(p)
            if s is None or s["in"] != n:
                got = "no #stats trailer" if s is None else f"read {s['in']} of {n} lines"
                raise TrailerMismatch(f"{role} partition {p}: claimclash {role}: {got}")
    if fed_total is not None:
        missing = [p for p in range(partitions) if p not in by_part]
        if missing:
            raise TrailerMismatch(f"{role} partition {missing[0]}: claimclash {role}: no #stats trailer")
        total = sum(s["in"] for s in by_part.values())
        if total != fed_total:
            raise TrailerMismatch(f"{role}: the children read {total} of {fed_total} lines")


def overhead_per_task(spark, args, rule_args, tasks=16):
    """Wall time per task of an empty partition through `claimclash map` (start, pack
    loaded, trailer checked), on the job's slots."""
    sc = spark.sparkContext
    sc.addFile(args.bin)
    exe = os.path.basename(args.bin)

    def empty(index, it):
        return run_child([binary(exe), "map", *rule_args], it, f"overhead partition {index}")

    sc.parallelize([], tasks).mapPartitionsWithIndex(empty).count()  # warm-up
    t = time.time()
    sc.parallelize([], tasks).mapPartitionsWithIndex(empty).count()
    return (time.time() - t) / tasks


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON lines: a local path or any Hadoop-readable URI")
    p.add_argument("--bin", required=True, help="the claimclash binary (shipped to executors)")
    p.add_argument("--name", help="the file name the report gives (default: INPUT)")
    p.add_argument("--format", default="markdown", choices=["markdown", "json", "html", "csv", "dot"])
    p.add_argument("--output", help="the report file (default: standard output)")
    p.add_argument("--lines", help="also keep the lines the report is assembled from here")
    p.add_argument("--mode", default="rdd", choices=["rdd", "sql"])
    p.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    p.add_argument("--partitions", type=int, help="least input partitions")
    p.add_argument("--reduce-partitions", type=int, help="shuffle partitions")
    p.add_argument("--rules", help="rule pack folder, readable on every executor")
    p.add_argument("--general", choices=["on", "off"],
                   help="read general claims, as check --general (default: on)")
    p.add_argument("--timings", help="write the stage timings (JSON) here")
    p.add_argument("--overhead", action="store_true", help="also time the overhead per task")
    p.add_argument("--kill-first-attempt", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def map_args(args):
    """What only the map is told: whether general claims are read."""
    return ["--general", args.general] if args.general else []


def run(spark, args):
    """The job on a running session; returns the exit code of `assemble` (0, 1 or 2, as
    `check` gives) and the timings."""
    rule_args = ["--isolated"] + (["--rules", args.rules] if args.rules else [])
    timings = {"mode": args.mode, "master": spark.sparkContext.master}
    t0 = time.time()
    job = sql_job if args.mode == "sql" else rdd_job
    lines = job(spark, args, rule_args, timings)
    if args.lines:
        shutil.copyfile(lines, args.lines)
    t = time.time()
    cmd = [args.bin, "assemble", lines, "--format", args.format, "--color", "never", *rule_args]
    if args.output:
        cmd += ["--output", args.output]
    code = subprocess.call(cmd)
    timings["assemble_s"] = time.time() - t
    timings["job_s"] = time.time() - t0
    shutil.rmtree(os.path.dirname(lines), ignore_errors=True)
    if args.overhead:
        timings["overhead_per_task_s"] = overhead_per_task(spark, args, rule_args)
    if args.timings:
        with open(args.timings, "w", encoding="utf-8") as f:
            json.dump(timings, f, indent=1)
    return code, timings


def main(argv=None):
    args = parse(argv)
    spark = session(args.master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        code, timings = run(spark, args)
    finally:
        spark.stop()
    print(json.dumps(timings), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
