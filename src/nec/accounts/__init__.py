"""People and sign-in: accounts keyed on e-mail, magic links, optional passwords, Mon espace."""
