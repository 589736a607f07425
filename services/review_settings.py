"""The company's review settings: the split between self and manager scores, and the weight of OKRs."""
import logging
import math
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from models.org import User
from models.reviews import ReviewSettings
from services import audit, events
from services.access import load_access, require_active
from services.errors import Invalid

log = logging.getLogger(__name__)

DEFAULT_SELF_SHARE = 0.3
WEIGHTS = (10, 30)  # the range of the OKR part of a performance summary, in percent


@dataclass(frozen=True)
class ReviewConfig:
    self_share: float  # 0.3: the final score is 30 % self-assessment, 70 % manager review
    okr_weight: int | None  # percent of a performance summary; None: OKRs are not part of it

    @property
    def self_percent(self) -> int:
        return round(self.self_share * 100)


async def review_settings() -> ReviewConfig:
    """The settings in force (the defaults until an admin changes them)."""
    row = await ReviewSettings.first()
    return ReviewConfig(row.self_share, row.okr_weight) if row else ReviewConfig(DEFAULT_SELF_SHARE, None)


def _whole(value: Any, field: str, message: str, **params: Any) -> int:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise Invalid(message, field=field, **params) from None
    if not math.isfinite(number) or number != int(number):
        raise Invalid(message, field=field, **params)
    return int(number)


def check_self_percent(value: Any) -> int:
    """The share of the self-assessment in the final score, a whole percentage."""
    message = 'Enter a whole percentage from 0 to 100.'
    percent = _whole(value, 'self_share', message)
    if not 0 <= percent <= 100:
        raise Invalid(message, field='self_share')
    return percent


def check_okr_weight(value: Any) -> int | None:
    """None (OKRs not counted), else a whole percentage within WEIGHTS."""
    if value is None or str(value).strip() == '':
        return None
    message = 'Choose a weight from {low} to {high} percent, or none.'
    weight = _whole(value, 'okr_weight', message, low=WEIGHTS[0], high=WEIGHTS[1])
    if not WEIGHTS[0] <= weight <= WEIGHTS[1]:
        raise Invalid(message, field='okr_weight', low=WEIGHTS[0], high=WEIGHTS[1])
    return weight


async def set_review_settings(actor: User, *, self_percent: Any, okr_weight: Any) -> ReviewConfig:
    """Change the self/manager split and the OKR weight; admins only. Open end rounds get the new split."""
    (await load_access(require_active(actor))).require_admin()
    config = ReviewConfig(check_self_percent(self_percent) / 100, check_okr_weight(okr_weight))
    from services.reviews import rescore_open_cycles  # the reviews module reads these settings
    async with in_transaction():
        row = await ReviewSettings.first() or ReviewSettings()
        before = audit.snapshot(row, ('self_share', 'okr_weight'))
        row.self_share, row.okr_weight = config.self_share, config.okr_weight
        await row.save()
        changed = await rescore_open_cycles(config.self_share)
        await audit.record(actor, 'setting', 'setting', row.id, 'Review settings', before,
                           audit.snapshot(row, ('self_share', 'okr_weight')))
    log.info('review settings changed by %s: self share %s, okr weight %s', actor.id, config.self_share,
             config.okr_weight)
    for change in changed:
        events.okr_changed.emit(change)
    return config
