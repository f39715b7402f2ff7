"""What an OIDC login leaves on the server: the refresh token (to ask the provider again) and the ID
token (to end the provider's session at logout), kept out of the cookie and found by a random key."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..timeutil import utcnow


class SsoGrant(Model):
    __tablename__ = "sso_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    # In the session cookie; the tokens never are.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    refresh_token: Mapped[str | None] = mapped_column(Text)
    id_token: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
