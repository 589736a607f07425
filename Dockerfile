# okrboard in one container: one Python process, its SQLite database and NiceGUI's storage on /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OKRBOARD_DATA_DIR=/data \
    NICEGUI_STORAGE_PATH=/data/.nicegui \
    OKRBOARD_HOST=0.0.0.0 \
    OKRBOARD_PORT=8080

# Chinese glyphs for PDF exports come from Droid's fallback font, Latin ones from DejaVu.
# Fonts follow the base image's Debian release, so their versions are not pinned.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-droid-fallback fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .

# Installed as root and left read-only; the app may write to /data only.
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home okrboard \
    && mkdir -p /data/.nicegui \
    && chown -R okrboard:okrboard /data

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080

# slim has no curl; urlopen raises on anything but 2xx, so a 503 while starting counts as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('OKRBOARD_PORT', '8080') + '/healthz', timeout=4)"]

CMD ["python", "main.py"]
