"""`assistant feedback export [--out FILE]`: rated answers -> eval cases (YAML) for a person to review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.feedback import FeedbackStore, cases_to_yaml, export_cases
from assistant.settings import Settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="assistant feedback",
        description="Work with 👍/👎 feedback.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  assistant feedback export --out eval/cases/feedback.yaml   # review, then run `assistant eval`",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", help="Write the rated answers as eval cases (needs_review: true) in YAML."
    )
    export.add_argument("--out", type=Path, help="File to write (default: standard output).")
    args = parser.parse_args(argv)

    settings = Settings()
    if not settings.feedback_db_path.exists():
        print(
            f"assistant feedback: no feedback yet ({settings.feedback_db_path} does not exist)",
            file=sys.stderr,
        )
        cases = []
    else:
        store = FeedbackStore(settings.feedback_db_path)
        try:
            cases = export_cases(store)
        finally:
            store.close()
    text = cases_to_yaml(cases)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"assistant feedback: wrote {len(cases)} case(s) to {args.out}", file=sys.stderr)
    return 0
