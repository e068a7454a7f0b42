"""kg: Chinese local-government task-completion reports as a linked-data knowledge graph."""

from .errors import EncodingError, GraphError, LookupFailed, ParseError, ReportError, StoreError
from .model import Heading, Metadata, ParseWarning, Report, Span, Task, Unit
from .report import BUNDLED_REPORT, load_report, parse_bytes

__version__ = "0.1.0"
