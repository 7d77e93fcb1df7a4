import sys

import cap135

sys.excepthook = cap135._quiet_interrupt  # first: an interrupt while launch loads is quiet too

from cap135.cli.launch import main  # noqa: E402

main()
