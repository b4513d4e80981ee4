"""A plugin whose blueprint is not named after the plugin."""

from flask import Blueprint

from core.hookspecs import hookimpl

bp = Blueprint("something_else", __name__)


@hookimpl
def warmrotterdam_blueprints():
    return [bp]
