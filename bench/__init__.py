"""El benchmark de escala nacional (``make bench``); pytest no lo recoge (testpaths = tests)."""
