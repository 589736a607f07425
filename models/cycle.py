"""OKR cycles: quarters, halves, years and custom periods."""
from tortoise import fields
from tortoise.models import Model


class Cycle(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    start = fields.DateField()
    end = fields.DateField()
    cadence = fields.CharField(max_length=20, default='quarter')  # quarter, half, year, custom
    checkin_weekday = fields.IntField(default=0)  # 0 = Monday
    review_date = fields.DateField(null=True)
    state = fields.CharField(max_length=20, default='planning')  # planning, active, review, closed
    locked = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'cycle'
        ordering = ['-start', 'name']
