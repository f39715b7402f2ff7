"""Events one feature announces and others react to (blinker, the library Flask's own signals use).

Receivers connect in their feature's init_app(); a sender never knows who listens.
"""

from blinker import Namespace

_signals = Namespace()

# A case file is being closed, inside the closing transaction (so receivers only flush, the view
# commits). Sender: the Client; keyword `today`: the day of closing.
file_closing = _signals.signal("file-closing")

# A case file was created at intake, inside the intake transaction (receivers only flush, the view
# commits). Sender: the new Client; keywords `visit`: the visit reference the intake form carried
# (as submitted: may be empty or not a visit at all), `user`: who created the file.
client_created = _signals.signal("client-created")

# A case conference was saved with agencies that no consent covers (the user stated why), inside
# the saving transaction (receivers only flush). Sender: the ContactNote; keywords `agencies`: the
# Organizations without consent, `reason`: the stated reason, `user`: who saved it. The referrals
# feature writes them into the disclosure log.
conference_without_consent = _signals.signal("conference-without-consent")

# A person was checked in at the desk (a new visit), inside the check-in transaction (receivers
# only flush, the view commits). Sender: the Visit; keyword `user`: who checked them in. The
# appointments feature links the visit to the person's appointment of today.
visit_checked_in = _signals.signal("visit-checked-in")

# A date agreed in another feature should be an appointment: a referral's appointment date, a
# case conference's next date. Inside the saving transaction (receivers only flush). Sender: the
# record; keywords `source` (a stable key such as "referral:12": the same record saved again
# moves its appointment), `client`, `on_date` (None: the date was removed), `kind` (a key of
# appointments.choices.KINDS), optional `at` (a time, when known), `organization_id`, `user`.
appointment_date_set = _signals.signal("appointment-date-set")
