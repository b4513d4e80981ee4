# Copy to instance/config.py and adjust. Environment variables override these values.
# SECRET_KEY = "..."            # generated into instance/secret_key when not set
# DATABASE_URL = "postgresql+psycopg://warm:secret@localhost/warmrotterdam"
# MAIL_SERVER = "smtp.example.org"
# MAIL_PORT = 587
# MAIL_USERNAME = "..."
# MAIL_PASSWORD = "..."
# MAIL_SENDER = "Warm Rotterdam <noreply@warmrotterdam.nl>"
# SESSION_COOKIE_SECURE = False  # only when serving over plain http on localhost
