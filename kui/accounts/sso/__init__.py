"""Single sign-on by OpenID Connect: staff through the municipality's identity
provider, youths through a MitID broker. allauth's generic OpenID Connect
provider, made strict: PKCE always, a nonce bound to the login's state, and
the ID token's signature checked even when it came straight from the token
endpoint (allauth skips that check by default)."""
