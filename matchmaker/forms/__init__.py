"""WTForms forms, one class per use case; CSRF through Flask-WTF."""
