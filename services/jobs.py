"""The scheduled jobs: one table, read by the scheduler and by `python main.py job NAME`.

A job is an async function without arguments that does its work through services and publishes
its changes on the bus. Running it from the command line takes the same code path as the schedule.
"""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    description: str
    trigger: str  # an APScheduler trigger: 'interval' or 'cron'
    schedule: dict = field(default_factory=dict)  # the trigger's arguments, e.g. {'hours': 1}


def all_jobs() -> list[Job]:
    """Every job, in the order `job --list` shows them. Add a line here for a new job."""
    from services import delivery, reminder_rules, reminders, reports_reminders, snapshots, system, webhooks_sending
    from services.integrations import sync
    return [
        Job('housekeeping', system.housekeeping, 'forget expired sessions and old login failures', 'interval',
            {'hours': 1}),
        Job('snapshots', snapshots.take_snapshots, 'store daily progress snapshots, back-filling missing days',
            'interval', {'hours': 1, 'next_run_time': snapshots.first_run()}),
        Job('checkin-due', reminders.checkin_due, 'remind owners who have not checked in (and nudge them later)',
            'interval', reminders.schedule()),
        Job('behind-pace', reminder_rules.behind_pace, 'tell owners and managers of key results behind pace',
            'interval', reminders.schedule()),
        Job('stalled', reminder_rules.stalled, 'tell owners and managers of stalled key results', 'interval',
            reminders.schedule()),
        Job('due-soon', reminder_rules.due_soon, 'remind owners of key results and objectives due soon', 'interval',
            reminders.schedule()),
        Job('manager-digest', reminder_rules.manager_digest, "send managers their reports' at-risk key results",
            'interval', reminders.schedule()),
        Job('review-due', reminder_rules.review_due, 'announce the mid-cycle review on its date', 'interval',
            reminders.schedule()),
        Job('report-due', reports_reminders.report_due, 'weekly report reminder', 'interval', reminders.schedule()),
        Job('deliveries', delivery.deliver_due, 'retry failed deliveries and send postponed ones', 'interval',
            {'minutes': 1}),
        Job('webhooks', webhooks_sending.send_due, 'send webhook deliveries that are due, retrying with backoff',
            'interval', {'minutes': 1}),
        Job('data-sources', sync.sync_all_links, 'check in the values of key results linked to Jira or Trello',
            'interval', {'hours': 1}),
    ]


def find(name: str) -> Job | None:
    return next((job for job in all_jobs() if job.name == name), None)
