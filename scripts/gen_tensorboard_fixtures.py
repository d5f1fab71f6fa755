"""TensorBoard fixtures and the real-TensorBoard check for lrkit/tensorboard.

1. Writes test/fixtures/tensorboard/cases.json (what to log).
2. Logs the scalar, scalar-group and text cases with PyTorch's torch.utils.tensorboard.SummaryWriter (file
   creation time pinned to cases.t0, wall times given) into test/fixtures/tensorboard/pytorch/: lrkit's output must
   equal these files byte for byte (test/tensorboard/pytorchBytes.test.ts).
3. Runs lrkit (npx tsx scripts/tensorboard_write_cases.ts) on the cases and reads its files with TensorBoard's own
   readers (EventAccumulator, EventFileLoader, the hparams plugin's metadata parser), checking every value, step,
   wall time, histogram bucket and hparams entry, and printing what it checked.

Run: .venv/bin/python scripts/gen_tensorboard_fixtures.py   (needs torch and tensorboard in .venv)
"""
import glob
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from unittest import mock

import numpy as np
import tensorboard
import torch
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.backend.event_processing import event_file_loader
from tensorboard.backend.event_processing.event_file_loader import RawEventFileLoader
from tensorboard.compat.proto import event_pb2
from tensorboard.plugins.hparams import metadata as hp_metadata
from tensorboard.plugins.hparams import plugin_data_pb2
from tensorboard.plugins.hparams import summary_v2 as hp_summary
from torch.utils.tensorboard import SummaryWriter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "tensorboard")
T0 = 1764590400.123456

checks = 0


def check(condition, message):
    global checks
    if not condition:
        print("FAIL:", message)
        sys.exit(1)
    checks += 1


def f32(x):
    """What a float32 simple_value holds: round to nearest, overflow to ±inf (as protobuf stores it)."""
    with np.errstate(over="ignore"):
        return float(np.float32(x))


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


def jnum(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def pnum(x):
    return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(x, x) if isinstance(x, str) else x


def make_cases():
    rng = np.random.default_rng(12)
    values = [0.1, 1e-7, 0.30000000000000004, -2.5, 0.0, -0.0, 3.4028234663852886e38, 1e39, 1e-46, 123456789.0,
              math.nan, math.inf, -math.inf, 2.0 ** -149, 0.016666666666666666]
    scalars = []
    for i, v in enumerate(values):
        scalars.append({"tag": "train/lr", "value": jnum(v), "step": i, "wallTime": T0 + i * 0.25 + 1e-6 * i})
        scalars.append({"tag": "train/loss", "value": jnum(2.3 * 0.9 ** i), "step": i, "wallTime": T0 + i * 0.25 + 0.125})
    # Steps beyond 32 bits, negative steps, a zero wall time (left out of the Event, as protobuf does).
    scalars += [
        {"tag": "big/step", "value": 1.5, "step": 2 ** 40, "wallTime": T0 + 100},
        {"tag": "neg/step", "value": 2.5, "step": -3, "wallTime": T0 + 101},
        {"tag": "zero/walltime", "value": 3.5, "step": 7, "wallTime": 0.0},
        {"tag": "unicode/ü 🎉", "value": 4.5, "step": 8, "wallTime": T0 + 102},
    ]
    groups = [{"mainTag": "lr/groups", "values": {"backbone": 0.01 * (s + 1), "head": jnum(0.1 / (s + 1) if s < 3 else math.nan)},
               "step": s, "wallTime": T0 + 200 + s} for s in range(5)]
    text = [{"tag": "notes", "text": "OneCycleLR **maxLr** 0.1\n\n| a | b |\n|---|---|\n| ü | 🎉 |", "step": 3, "wallTime": T0 + 300},
            {"tag": "empty", "text": "", "step": 4, "wallTime": T0 + 301}]
    histograms = [
        {"tag": "weights/normal", "values": [float(x) for x in rng.normal(0, 0.05, 1000)], "step": 0, "wallTime": T0 + 400},
        {"tag": "weights/normal", "values": [float(x) for x in rng.normal(0.01, 0.2, 777)], "step": 1, "wallTime": T0 + 401},
        {"tag": "zeros", "values": [0.0, 0.0, 0.0], "step": 0, "wallTime": T0 + 402},
        {"tag": "negative", "values": [-3.0, -1e-13, -7.5, -1e19], "step": 0, "wallTime": T0 + 403},
        {"tag": "mixed", "values": [1.0, 2.0, 1e25, -1e25, 3.0, 1e-12, 1e20], "step": 0, "wallTime": T0 + 404},
        {"tag": "nonfinite", "values": [jnum(v) for v in [1.0, math.nan, 2.0, math.inf, -math.inf, 0.5]], "step": 0, "wallTime": T0 + 405},
        {"tag": "edges", "values": [1e-12, 1.1e-12, -1e-12, 0.0], "step": 0, "wallTime": T0 + 406},
    ]
    hparams = {
        "hparams": {"scheduler": "OneCycleLR", "maxLr": 0.1, "epochs": 3, "nesterov": False, "anneal": "cos", "pctStart": 0.3},
        "metrics": {"hparams/val_loss": 0.3125, "hparams/val_accuracy": 0.921875, "hparams/diverged": "nan"},
        "step": 9,
        "trialId": "onecycle-maxlr-0.1",
        "wallTime": T0 + 500,
    }
    return {"t0": T0, "scalars": scalars, "scalarGroups": groups, "text": text, "histograms": histograms, "hparams": hparams}


def event_files(directory):
    files = sorted(glob.glob(os.path.join(directory, "events.out.tfevents.*")))
    assert len(files) == 1, (directory, files)
    return files[0]


def write_pytorch(cases, outdir):
    """PyTorch's SummaryWriter with the file creation time pinned to t0 (only the first Event uses the clock)."""
    with mock.patch("time.time", return_value=cases["t0"]):
        w = SummaryWriter(os.path.join(outdir, "scalars"))
        for s in cases["scalars"]:
            w.add_scalar(s["tag"], pnum(s["value"]), s["step"], walltime=s["wallTime"])
        w.close()
        w = SummaryWriter(os.path.join(outdir, "scalar_groups"))
        for g in cases["scalarGroups"]:
            w.add_scalars(g["mainTag"], {k: pnum(v) for k, v in g["values"].items()}, g["step"], walltime=g["wallTime"])
        w.close()
        w = SummaryWriter(os.path.join(outdir, "text"))
        for t in cases["text"]:
            w.add_text(t["tag"], t["text"], t["step"], walltime=t["wallTime"])
        w.close()
        w = SummaryWriter(os.path.join(outdir, "histograms"))
        for h in cases["histograms"]:
            w.add_histogram(h["tag"], np.array([pnum(v) for v in h["values"]], dtype=np.float64), h["step"], walltime=h["wallTime"])
        w.close()


def accumulator(path):
    ea = event_accumulator.EventAccumulator(path, size_guidance={k: 0 for k in event_accumulator.DEFAULT_SIZE_GUIDANCE})
    ea.Reload()
    return ea


def check_scalars(cases, lrkit):
    ea = accumulator(os.path.join(lrkit, "scalars"))
    by_tag = {}
    for s in cases["scalars"]:
        by_tag.setdefault(s["tag"], []).append(s)
    check(sorted(ea.Tags()["scalars"]) == sorted(by_tag), f"scalar tags {ea.Tags()['scalars']}")
    n = 0
    for tag, expected in by_tag.items():
        got = ea.Scalars(tag)
        check(len(got) == len(expected), f"{tag}: {len(got)} events")
        for e, g in zip(expected, got):
            check(g.step == e["step"], f"{tag} step {g.step} != {e['step']}")
            check(g.wall_time == e["wallTime"], f"{tag} wall time {g.wall_time!r} != {e['wallTime']!r}")
            want = f32(pnum(e["value"]))
            check(same(g.value, want), f"{tag} step {g.step}: value {g.value!r} != float32 {want!r}")
            n += 1
    print(f"scalars: {n} events in {len(by_tag)} tags: every step, wall time (exact float64) and value (exact float32, incl. NaN/±inf/-0.0) as TensorBoard's EventAccumulator reads them")


def check_groups(cases, lrkit):
    n = 0
    for key in cases["scalarGroups"][0]["values"]:
        run = os.path.join(lrkit, "scalar_groups", cases["scalarGroups"][0]["mainTag"].replace("/", "_") + "_" + key)
        ea = accumulator(run)
        got = ea.Scalars(cases["scalarGroups"][0]["mainTag"])
        check(len(got) == len(cases["scalarGroups"]), f"{run}: {len(got)} events")
        for g, e in zip(got, cases["scalarGroups"]):
            check(g.step == e["step"] and g.wall_time == e["wallTime"] and same(g.value, f32(pnum(e["values"][key]))), f"{run} {g}")
            n += 1
    print(f"addScalars: {n} events in runs lr_groups_backbone, lr_groups_head (PyTorch's layout) read back exactly")


def check_text(cases, lrkit):
    ea = accumulator(os.path.join(lrkit, "text"))
    for t in cases["text"]:
        tag = t["tag"] + "/text_summary"
        (got,) = ea.Tensors(tag)
        check(ea.SummaryMetadata(tag).plugin_data.plugin_name == "text", f"{tag} plugin")
        check(got.step == t["step"] and got.wall_time == t["wallTime"], f"{tag} step/wall time")
        check(got.tensor_proto.string_val[0].decode("utf-8") == t["text"], f"{tag} text")
    print(f"text: {len(cases['text'])} entries (Markdown, non-ASCII, empty) read back by the text plugin's tag and metadata")


def hist_fields(h):
    return (h.min, h.max, h.num, h.sum, h.sum_squares, list(h.bucket_limit), list(h.bucket))


def check_histograms(cases, lrkit, pytorch):
    ours = accumulator(os.path.join(lrkit, "histograms"))
    theirs = accumulator(os.path.join(pytorch, "histograms"))
    n = buckets = 0
    for tag in sorted({h["tag"] for h in cases["histograms"]}):
        a, b = ours.Histograms(tag), theirs.Histograms(tag)
        check(len(a) == len(b) > 0, f"{tag}: {len(a)} vs {len(b)}")
        for x, y in zip(a, b):
            check(x.step == y.step and x.wall_time == y.wall_time, f"{tag} step/wall time")
            hx, hy = x.histogram_value, y.histogram_value
            check(same(hx.min, hy.min) and same(hx.max, hy.max) and hx.num == hy.num, f"{tag} min/max/num {hist_fields(hx)[:3]} vs {hist_fields(hy)[:3]}")
            check(list(hx.bucket_limit) == list(hy.bucket_limit), f"{tag} bucket limits")
            check(list(hx.bucket) == list(hy.bucket), f"{tag} bucket counts")
            for name in ("sum", "sum_squares"):
                u, v = getattr(hx, name), getattr(hy, name)
                check(same(u, v) or math.isclose(u, v, rel_tol=1e-12), f"{tag} {name} {u!r} vs {v!r}")
            n += 1
            buckets += len(hx.bucket)
    print(f"histograms: {n} histograms, {buckets} buckets: every bucket limit and count, min, max, num equal PyTorch's add_histogram; sum and sum_squares within 1e-12 (numpy sums pairwise)")


def check_hparams(cases, lrkit):
    spec = cases["hparams"]
    ea = accumulator(os.path.join(lrkit, "hparams"))
    content = ea.PluginTagToContent(hp_metadata.PLUGIN_NAME)
    check(sorted(content) == [hp_metadata.SESSION_END_INFO_TAG, hp_metadata.SESSION_START_INFO_TAG], f"hparams tags {sorted(content)}")
    start = hp_metadata.parse_session_start_info_plugin_data(content[hp_metadata.SESSION_START_INFO_TAG])
    want = hp_summary.hparams_pb(spec["hparams"], trial_id=spec["trialId"], start_time_secs=spec["wallTime"])
    want_content = want.value[0].metadata.plugin_data.content
    check(start == hp_metadata.parse_session_start_info_plugin_data(want_content), f"session_start_info {start} vs {want}")
    check(content[hp_metadata.SESSION_START_INFO_TAG] == plugin_data_pb2.HParamsPluginData.FromString(want_content).SerializeToString(deterministic=True),
          "session_start_info bytes equal TensorBoard's hparams_pb (deterministic serialization)")
    for name, value in spec["hparams"].items():
        v = start.hparams[name]
        kind = v.WhichOneof("kind")
        got = {"number_value": v.number_value, "string_value": v.string_value, "bool_value": v.bool_value}[kind]
        check(type(got) is type(value) or (kind == "number_value" and isinstance(value, (int, float))), f"{name} kind {kind}")
        check(got == value, f"hparam {name}: {got!r} != {value!r}")
    check(start.group_name == spec["trialId"] and start.start_time_secs == spec["wallTime"], "group name, start time")
    end = hp_metadata.parse_session_end_info_plugin_data(content[hp_metadata.SESSION_END_INFO_TAG])
    check(end.status == 1 and end.end_time_secs == spec["wallTime"], f"session_end_info {end}")
    for name, value in spec["metrics"].items():
        (got,) = ea.Scalars(name)
        check(got.step == spec["step"] and same(got.value, f32(pnum(value))), f"metric {name}: {got}")
    print(f"hparams: {len(spec['hparams'])} hparams (number, string, bool) and {len(spec['metrics'])} metrics; session_start_info equals TensorBoard's own hparams_pb() byte for byte; session_end_info SUCCESS")


def check_files(lrkit):
    names = sorted(glob.glob(os.path.join(lrkit, "**", "events.out.tfevents.*"), recursive=True))
    pattern = re.compile(r"events\.out\.tfevents\.(\d{10})\.%s\.\d+\.\d+$" % re.escape(socket.gethostname()))
    for path in names:
        check(pattern.search(os.path.basename(path)) is not None, f"file name {path}")
        events = [event_pb2.Event.FromString(r) for r in RawEventFileLoader(path).Load()]
        check(events[0].file_version == "brain.Event:2" and events[0].wall_time == T0, f"{path}: first event {events[0]}")
    # A crash mid-write: cut the scalars file inside its last record; TensorBoard reads every earlier record.
    path = event_files(os.path.join(lrkit, "scalars"))
    whole = list(RawEventFileLoader(path).Load())
    data = open(path, "rb").read()
    cut = os.path.join(os.path.dirname(path), "..", "truncated")
    os.makedirs(cut)
    with open(os.path.join(cut, os.path.basename(path)), "wb") as f:
        f.write(data[:-7])
    partial = list(RawEventFileLoader(os.path.join(cut, os.path.basename(path))).Load())
    check(partial == whole[:-1], "truncated file keeps every earlier record")
    print(f"files: {len(names)} event files named events.out.tfevents.<10-digit seconds>.<host>.<pid>.<n>, each starting with brain.Event:2; a file cut inside its last record yields the {len(partial)} earlier records")


def check_live(work):
    """TensorBoard's incremental loader reads an lrkit file while it is being written, round after round."""
    proc = subprocess.Popen(["npx", "tsx", "scripts/tensorboard_write_live.ts", os.path.join(work, "live"), "3", "5"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    loader = None
    seen = []
    for round_ in range(3):
        words = proc.stdout.readline().split()
        check(words[:2] == ["flushed", str(5 * (round_ + 1))], f"live writer said {words}")
        loader = loader or event_file_loader.EventFileLoader(words[2])
        # Same loader object each round: it resumes where it stopped, as TensorBoard's reload loop does.
        seen += [(e.step, e.summary.value[0].tensor.float_val[0]) for e in loader.Load() if e.HasField("summary")]
        check(seen == [(i, float(i)) for i in range(5 * (round_ + 1))], f"round {round_}: TensorBoard saw {seen}")
        proc.stdin.write("next\n")
        proc.stdin.flush()
    proc.stdin.close()
    check(proc.stdout.readline().strip() == "closed" and proc.wait(timeout=60) == 0, "live writer closed")
    print(f"live: TensorBoard's EventFileLoader, reloading one file while lrkit writes it, saw 5, 10, 15 scalars after each flush, in order")


def main():
    cases = make_cases()
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1, ensure_ascii=False)
        f.write("\n")
    work = tempfile.mkdtemp(prefix="lrkit-tb-")
    pytorch, lrkit, as_pytorch = os.path.join(work, "pytorch"), os.path.join(work, "lrkit"), os.path.join(work, "lrkit-as-pytorch")
    write_pytorch(cases, pytorch)
    subprocess.run(["npx", "tsx", "scripts/tensorboard_write_cases.ts", lrkit], cwd=ROOT, check=True)
    # The same, naming PyTorch's writer in source_metadata (the one field that says who wrote the file).
    subprocess.run(["npx", "tsx", "scripts/tensorboard_write_cases.ts", as_pytorch, "--as-pytorch"], cwd=ROOT, check=True)

    # Byte fixtures: PyTorch's files under fixed names (their names hold the host and pid).
    out = os.path.join(FIXTURES, "pytorch")
    shutil.rmtree(out, ignore_errors=True)
    for run in ("scalars", "text", "scalar_groups/lr_groups_backbone", "scalar_groups/lr_groups_head"):
        os.makedirs(os.path.join(out, run))
        shutil.copy(event_files(os.path.join(pytorch, run)), os.path.join(out, run, "events.out.tfevents"))
        theirs = open(event_files(os.path.join(pytorch, run)), "rb").read()
        check(theirs == open(event_files(os.path.join(as_pytorch, run)), "rb").read(), f"{run}: lrkit bytes equal PyTorch's ({pytorch} vs {as_pytorch})")
        # With lrkit's default writer name, every record after the first (the file header) is the same.
        ours = list(RawEventFileLoader(event_files(os.path.join(lrkit, run))).Load())
        check(ours[1:] == list(RawEventFileLoader(event_files(os.path.join(pytorch, run))).Load())[1:], f"{run}: records after the header")
        check(event_pb2.Event.FromString(ours[0]).source_metadata.writer == "lrkit", f"{run}: source_metadata.writer")
    print(f"bytes: lrkit's scalars, text and addScalars files equal PyTorch {torch.__version__}'s byte for byte (4 files; with sourceWriter set to PyTorch's "
          f"writer name; with lrkit's default the header says writer 'lrkit' and every later record is identical)")

    check_scalars(cases, lrkit)
    check_groups(cases, lrkit)
    check_text(cases, lrkit)
    check_histograms(cases, lrkit, pytorch)
    check_hparams(cases, lrkit)
    check_files(lrkit)
    check_live(work)
    shutil.rmtree(work)
    print(f"OK: {checks} checks passed with tensorboard {tensorboard.__version__}, torch {torch.__version__}")


if __name__ == "__main__":
    main()
