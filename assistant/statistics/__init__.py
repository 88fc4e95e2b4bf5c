"""Statistics layer: figures extracted from the documents' text into DuckDB, read through typed tools."""

from assistant.statistics.extract import SourceDoc, load_source_docs
from assistant.statistics.store import BuildReport, StatsStore
from assistant.statistics.tools import StatsTools, ToolResult

__all__ = ["BuildReport", "SourceDoc", "StatsStore", "StatsTools", "ToolResult", "load_source_docs"]
