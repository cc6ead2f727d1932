"""Sign-in, session and HTTP hardening: pieces that sit between Django and the apps."""
