"""The plugin's form pages: one template for every form, shown again with 400 after a refusal."""

from flask import render_template


def form_page(form, title: str, back: str, subtitle: str | None = None):
    status = 400 if form.is_submitted() else 200
    return render_template(
        "jijdoetertoe/experts/form.html", form=form, title=title, subtitle=subtitle, back=back
    ), status
