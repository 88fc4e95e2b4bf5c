"""Where warm ask() spends its time: the bench's questions under cProfile, caches cleared before each question
as `assistant bench` does. Usage (a built data dir):
    ASSISTANT_DATA_DIR=... HF_HUB_OFFLINE=1 .venv/bin/python scripts/profile_ask.py [rounds] [out.prof]
Prints the top functions by own time and by cumulative time, and own time per ask grouped by module."""

from __future__ import annotations

import collections
import cProfile
import pstats
import sys
import time

from assistant.bench import QUESTIONS
from assistant.pipeline import build_assistant
from assistant.settings import Settings


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/ask.prof"
    assistant = build_assistant(Settings(shared_state="memory"))
    for question in QUESTIONS:  # warm-up, as the bench does
        assistant.ask(question)
    profile = cProfile.Profile()
    started = time.process_time()
    for _ in range(rounds):
        for question in QUESTIONS:
            assistant.clear_caches()
            profile.enable()
            assistant.ask(question)
            profile.disable()
    asks = rounds * len(QUESTIONS)
    print(f"CPU {(time.process_time() - started) / asks * 1000:.2f} ms per ask over {asks} asks")
    profile.dump_stats(out)
    stats = pstats.Stats(out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(60)
    by_module: collections.Counter[str] = collections.Counter()
    for (file, _, function), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_module[file.rsplit("/", 1)[-1] if file != "~" else function] += own
    for module, own in by_module.most_common(25):
        print(f"{own / asks * 1000:7.3f} ms/ask  {module}")


if __name__ == "__main__":
    main()
