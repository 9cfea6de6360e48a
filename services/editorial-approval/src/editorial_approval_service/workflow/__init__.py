"""The story workflow: submission, stage approvals and requested changes, review comments,
schedules and embargoes, publication, crisis fast-track, corrections, retractions with
their takedowns, and syndication nominations. The lifecycle table is transitions.py.

service.WorkflowUseCases gathers the use-case mixins of this package; steps.py holds the
steps they share (a transition, a publication, a schedule, the audited in-place action).
"""
