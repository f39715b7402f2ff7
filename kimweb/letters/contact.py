"""How a member of staff is reached: one helper for every paper that goes out with their name
(letters, handouts, the referral letter, appointment slips)."""

from dataclasses import dataclass

from flask import current_app

from ..auth.models import User


@dataclass(frozen=True)
class StaffContact:
    name: str
    team: str
    phone: str
    email: str
    address: str
    room: str

    def lines(self) -> list[str]:
        """The contact as short lines for a letter's side column or a slip's footer."""
        found = [self.name]
        if self.room:
            found.append(f"Raum {self.room}")
        if self.address:
            found.extend(line.strip() for line in self.address.splitlines() if line.strip())
        if self.phone:
            found.append(f"Telefon {self.phone}")
        if self.email:
            found.append(f"E-Mail {self.email}")
        return found


CONTACT_FIELDS = ("contact_phone", "contact_email", "contact_address", "contact_room")


def contact_fields(form) -> dict:
    """The contact data as typed in a form with ContactFields (blank: none), for the account."""
    return {name: (getattr(form, name).data or "").strip() or None for name in CONTACT_FIELDS}


def staff_contact(user: User | None) -> StaffContact:
    """The contact data of a user as shown on paper; the office's address where they gave none."""
    if user is None:
        return StaffContact("", "", "", "", current_app.config["LETTERS_OFFICE_ADDRESS"], "")
    return StaffContact(
        name=user.display_name,
        team=user.team.name if user.team else "",
        phone=user.contact_phone or "",
        email=user.contact_email or "",
        address=user.contact_address or current_app.config["LETTERS_OFFICE_ADDRESS"],
        room=user.contact_room or "",
    )
