"""Events one feature announces and others react to (blinker, the library Flask's own signals use).

Receivers connect in their feature's init_app(); a sender never knows who listens.
"""

from blinker import Namespace

_signals = Namespace()

# A case file is being closed, inside the closing transaction (so receivers only flush, the view
# commits). Sender: the Client; keyword `today`: the day of closing.
file_closing = _signals.signal("file-closing")
