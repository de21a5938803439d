# Run by run.py in a copy of this case, after it set every mtime.
touch -d '2009-01-01 00:00:00.123456789 UTC' f
