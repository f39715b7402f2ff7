"""The file's data-protection section: what the viewer may do about the person's rights."""

from ..clients.access import is_responsible
from ..clients.models import Client
from ..security import has_permission


def file_context(client: Client) -> dict:
    return {"can_export": has_permission("privacy.export") and is_responsible(client)}
