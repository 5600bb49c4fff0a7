"""`callboard serve`: a preview built aside, rebuilt on every save and reloaded in every open tab."""
