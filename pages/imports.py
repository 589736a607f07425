"""(being built)"""
from nicegui import APIRouter

router = APIRouter()
