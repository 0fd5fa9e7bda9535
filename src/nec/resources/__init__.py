"""The open resources library (CC BY-SA): contributed resources, their moderation, collections and
search."""
