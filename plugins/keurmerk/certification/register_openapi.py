"""The OpenAPI 3.1 description of the register's JSON API, served by the API itself.

Written by hand: APIFlask and flask-smorest both need the Flask app itself set up for them
(an `APIFlask` app, an `Api(app)`), which a plugin does not own. The tests check this document
with openapi-spec-validator and every answer of the API against its schemas."""

from __future__ import annotations

from .rules import MAX_PER_PAGE, MAX_QUERY, PER_PAGE

STATUS_KEYS = ["geldig", "geschorst", "ingetrokken", "verlopen"]


def _json(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def openapi_document(server_url: str, version: str) -> dict:
    """The document, for the API found at `server_url` (…/api/v1/keurmerk)."""
    nullable_date = {"type": ["string", "null"], "format": "date"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Register Keurmerk Warm Sociaal Incasseren",
            "version": version,
            "description": (
                "The public register of the Keurmerk Warm Sociaal Incasseren, read-only: who "
                "holds (or held) the mark, and whether a certificate is valid today. No login, "
                "no cookies; any website may call it from the browser (CORS: *). Status labels "
                "are Dutch unless the session chose another language; dates are ISO 8601."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/register": {
                "get": {
                    "operationId": "searchRegister",
                    "summary": "The register, a page at a time, optionally searched",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "description": (
                                "A whole certificate number (any case, spaces around it are "
                                "ignored) or part of an organisation's name (any case; "
                                "accents count)."
                            ),
                            "schema": {"type": "string", "maxLength": MAX_QUERY},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "per_page",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PER_PAGE,
                                "default": PER_PAGE,
                            },
                        },
                    ],
                    "responses": {
                        "200": _json("RegisterPage", "Certificates by organisation name"),
                        "400": _json("Error", "A page or page size out of range"),
                    },
                }
            },
            "/certificates/{number}": {
                "get": {
                    "operationId": "verifyCertificate",
                    "summary": "One certificate, by its number (any case)",
                    "parameters": [
                        {
                            "name": "number",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "examples": ["WR-ABCDEFGH23"]},
                        }
                    ],
                    "responses": {
                        "200": _json("Certificate", "The certificate and its status today"),
                        "404": _json("Error", "No certificate has this number"),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This description",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Status": {
                    "type": "object",
                    "required": ["key", "label"],
                    "additionalProperties": False,
                    "properties": {
                        "key": {"type": "string", "enum": STATUS_KEYS},
                        "label": {"type": "string", "description": "The key in words"},
                    },
                },
                "Certificate": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "number",
                        "organisation",
                        "modules",
                        "status",
                        "valid_from",
                        "valid_until",
                        "suspended_on",
                        "suspension_reason",
                        "verification_url",
                    ],
                    "properties": {
                        "number": {"type": "string"},
                        "organisation": {"type": "string"},
                        "modules": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "The modules granted; empty: the whole framework",
                        },
                        "status": {"$ref": "#/components/schemas/Status"},
                        "valid_from": {"type": "string", "format": "date"},
                        "valid_until": {
                            "type": "string",
                            "format": "date",
                            "description": "The last day it is valid",
                        },
                        "suspended_on": {
                            **nullable_date,
                            "description": "Only while the status is geschorst",
                        },
                        "suspension_reason": {"type": ["string", "null"]},
                        "verification_url": {
                            "type": "string",
                            "format": "uri",
                            "description": "The public page that shows this certificate",
                        },
                    },
                },
                "RegisterPage": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["items", "page", "per_page", "total", "pages", "next", "prev"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Certificate"},
                        },
                        "page": {"type": "integer", "minimum": 1},
                        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                        "total": {"type": "integer", "minimum": 0},
                        "pages": {"type": "integer", "minimum": 1},
                        "next": {"type": ["string", "null"], "format": "uri"},
                        "prev": {"type": ["string", "null"], "format": "uri"},
                    },
                },
                "Error": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["error", "message"],
                    "properties": {
                        "error": {"type": "string", "enum": ["bad_request", "not_found"]},
                        "message": {"type": "string"},
                    },
                },
            }
        },
    }
