import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_chinese_catalogs_address_people_formally() -> None:
    informal = [f'{path.name}: {source}' for path in sorted((ROOT / 'locales' / 'zh_CN').glob('*.json'))
                for source, translated in json.loads(path.read_text(encoding='utf-8')).items() if '你' in translated]

    assert not informal, 'use 您, not 你:\n' + '\n'.join(informal)
