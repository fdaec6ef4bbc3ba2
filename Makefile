# Convenience wrappers; make.py does the work and needs only Python 3.11+.
PYTHON ?= python3

.PHONY: demo test setup
demo:
	$(PYTHON) make.py demo
test:
	$(PYTHON) make.py test
setup:
	$(PYTHON) make.py setup
