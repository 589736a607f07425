"""The JSON shapes of /api/v1, so that the OpenAPI schema states exactly what is sent and accepted."""
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, Field(max_length=2000)]


class Cycle(BaseModel):
    id: int
    name: str
    start: date
    end: date
    cadence: str
    state: str
    locked: bool
    checkin_weekday: int
    review_date: date | None


class Team(BaseModel):
    id: int
    name: str
    kind: str
    parent_id: int | None
    member_count: int
    lead_ids: list[int]


class Person(BaseModel):
    """Everyone sees id and name; e-mail, role, team, manager and active are filled for admins only."""
    id: int
    name: str
    email: str | None = None
    role: str | None = None
    team_id: int | None = None
    manager_id: int | None = None
    active: bool | None = None


class ObjectiveSummary(BaseModel):
    id: int
    title: str
    level: str
    cycle_id: int
    team_id: int | None
    owner_id: int | None
    kind: str
    priority: str
    tags: list[str]
    visibility: str
    progress: float
    status: str
    key_result_count: int


class KeyResult(BaseModel):
    id: int
    objective_id: int
    cycle_id: int
    title: str
    kind: str
    unit: str
    start: float
    target: float | None
    current: float
    direction: str
    progress: float
    expected: float
    status: str
    confidence: int | None
    due: date | None
    version: int
    owner_id: int | None
    steps: list[str]
    can_checkin: bool
    locked: bool


class ObjectiveDetail(BaseModel):
    id: int
    title: str
    description: str
    level: str
    cycle_id: int
    team_id: int | None
    owner_id: int | None
    kind: str
    priority: str
    tags: list[str]
    due: date | None
    visibility: str
    progress: float
    status: str
    can_edit: bool
    locked: bool
    key_results: list[KeyResult]


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class ObjectivePage(Page):
    items: list[ObjectiveSummary]


class KeyResultPage(Page):
    items: list[KeyResult]


class Alignment(BaseModel):
    """`objective_id` contributes to a parent objective or to a parent key result."""
    objective_id: int
    parent_objective_id: int | None
    parent_key_result_id: int | None


class CheckIn(BaseModel):
    id: int
    key_result_id: int
    at: datetime
    value: float
    confidence: int | None
    note: str
    next_step: str
    author_name: str
    source: str


class Input(BaseModel):
    model_config = ConfigDict(extra='forbid', allow_inf_nan=False)


class CheckInCreate(Input):
    value: float
    confidence: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Text = ''
    next_step: Text = ''
    expected_version: Annotated[int, Field(ge=0, le=MAX_ID)] | None = Field(
        None, description='The key result version you read; a later check-in by someone else answers 409.')


class ObjectiveCreate(Input):
    cycle_id: Id
    level: Literal['company', 'team', 'person']
    title: Annotated[str, Field(min_length=1, max_length=500)]
    team_id: Id | None = None
    owner_id: Id | None = None
    description: Annotated[str, Field(max_length=5000)] = ''
    kind: Literal['committed', 'aspirational'] = 'committed'
    priority: Annotated[str, Field(max_length=10)] = ''
    tags: Annotated[list[Annotated[str, Field(max_length=30)]], Field(max_length=10)] = []
    due: date | None = None
    visibility: Literal['company', 'private'] = 'company'


class ObjectiveChange(Input):
    """Only the fields sent are changed."""
    title: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    description: Annotated[str, Field(max_length=5000)] | None = None
    kind: Literal['committed', 'aspirational'] | None = None
    priority: Annotated[str, Field(max_length=10)] | None = None
    tags: Annotated[list[Annotated[str, Field(max_length=30)]], Field(max_length=10)] | None = None
    due: date | None = None
    visibility: Literal['company', 'private'] | None = None


class KeyResultCreate(Input):
    title: Annotated[str, Field(min_length=1, max_length=500)]
    target: float | None
    kind: Literal['number', 'percent', 'currency', 'boolean', 'milestone'] = 'number'
    start: float = 0
    unit: Annotated[str, Field(max_length=30)] = ''
    direction: Literal['increase', 'decrease'] = 'increase'
    weight: float = 1
    owner_id: Id | None = None
    due: date | None = None
    confidence: Annotated[int, Field(ge=0, le=10)] | None = None
    steps: Annotated[list[Annotated[str, Field(max_length=300)]], Field(max_length=30)] | None = None


class KeyResultChange(Input):
    """Only the fields sent are changed; values go through check-ins, not here."""
    title: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    target: float | None = None
    start: float | None = None
    unit: Annotated[str, Field(max_length=30)] | None = None
    direction: Literal['increase', 'decrease'] | None = None
    weight: float | None = None
    owner_id: Id | None = None
    due: date | None = None
    confidence: Annotated[int, Field(ge=0, le=10)] | None = None
