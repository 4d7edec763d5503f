from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """allauth's login form, with the field named "username" as on every
    kui login page before (password managers and scripts rely on it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = dict(self.fields)
        username = fields.pop("login")
        username.widget.attrs["autocomplete"] = "username"
        self.fields = {"username": username, **fields}

    def clean(self):
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()
