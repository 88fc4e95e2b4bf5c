"""Harness errors: a broken case file or a harness that cannot run is exit code 2, never a failed case.

AssistantError (assistant/errors.py)
└── HarnessError           the eval harness cannot run (no build, unreachable --api, missing Slack adapter)
    └── CaseFileError      a case file does not parse or does not validate against eval/schema.py
"""

from __future__ import annotations

from assistant.errors import AssistantError


class HarnessError(AssistantError):
    code = "eval_harness_error"


class CaseFileError(HarnessError):
    code = "eval_case_file_invalid"
