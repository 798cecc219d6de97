"""What the command line does, as functions it and other callers share: the alert workflow
(:mod:`.alert_workflow`), a report's previous period and export files (:mod:`.reports`), the
backfill (:mod:`.backfill`) and the ``--watch`` loop (:mod:`.watch`)."""
