"""The generated part of a retrospective (numbers, went well, did not) as JSON, frozen with it when published."""
from datetime import date
from typing import Any

from services.retrospective_types import RetroItem, RetroNumbers

Generated = tuple[RetroNumbers, tuple[RetroItem, ...], tuple[RetroItem, ...]]


def _item_json(item: RetroItem) -> dict[str, Any]:
    return {'key_result_id': item.key_result_id, 'title': item.title, 'objective_title': item.objective_title,
            'owner_name': item.owner_name, 'score': item.score, 'notes': list(item.notes)}


def _item(data: dict[str, Any]) -> RetroItem:
    return RetroItem(int(data['key_result_id']), str(data['title']), str(data['objective_title']),
                     str(data['owner_name']), float(data['score']), tuple(str(note) for note in data['notes']))


def to_json(numbers: RetroNumbers, went_well: tuple[RetroItem, ...], did_not: tuple[RetroItem, ...]) -> dict:
    """A plain JSON object for the record's `generated` field."""
    return {
        'numbers': {'objectives': numbers.objectives, 'key_results': numbers.key_results,
                    'score_buckets': [[name, count] for name, count in numbers.score_buckets],
                    'share_good': numbers.share_good, 'share_low': numbers.share_low,
                    'timeliness': numbers.timeliness,
                    'health': [[day.isoformat(), value] for day, value in numbers.health]},
        'went_well': [_item_json(item) for item in went_well],
        'did_not': [_item_json(item) for item in did_not],
    }


def from_json(data: dict[str, Any]) -> Generated:
    """The numbers and items back from what to_json stored."""
    numbers = data['numbers']
    timeliness = numbers['timeliness']
    return (RetroNumbers(objectives=int(numbers['objectives']), key_results=int(numbers['key_results']),
                         score_buckets=tuple((str(name), int(count)) for name, count in numbers['score_buckets']),
                         share_good=float(numbers['share_good']), share_low=float(numbers['share_low']),
                         timeliness=float(timeliness) if timeliness is not None else None,
                         health=tuple((date.fromisoformat(day), int(value)) for day, value in numbers['health'])),
            tuple(_item(item) for item in data['went_well']), tuple(_item(item) for item in data['did_not']))
